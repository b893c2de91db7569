import IntakeDomain
import IntakeEngine
import IntakePersistence
import NIOCore

/// Streams a run's rows into Postgres while the engine produces them: each row's canonical CSV record is
/// written straight into a `RowBlock` (no intermediate string), and blocks of about 256 KiB are handed to a
/// `RowBlockWriter` that stores them while the next fills. Invalid cells are buffered as COPY text and
/// written after the rows (or earlier, pausing the blocks, when they pass 8 MiB). Each sheet sits behind a
/// savepoint so a sheet read again with better decisions replaces its first attempt.
struct RunRowSink: RowSink {
    static let blockBytes = 256 * 1024
    static let cellBufferLimit = 8 << 20

    let writer: RunResultWriter
    let progress: RowCounter
    private var blocks: RowBlockWriter?
    private var block = RowBlock(sheet: "", index: 0)
    private var cells = ByteBuffer()
    /// Rows of the current sheet already handed to Postgres.
    private var sheetWritten = 0

    init(writer: RunResultWriter, progress: RowCounter) {
        self.writer = writer
        self.progress = progress
    }

    mutating func beginSheet(_ key: String) async throws {
        sheetWritten = 0
        block = RowBlock(sheet: key, index: 0, capacity: Self.blockBytes + 4096)
        try await writer.savepoint()
    }

    mutating func write(_ row: ProcessedRow, sheet: String) async throws {
        block.append(number: row.number, invalid: row.isInvalid) { buffer in
            for (index, value) in row.values.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                if CSVRecordWriter.isPlain(value) { buffer.writeString(value) } else { buffer.writeString(CSVRecordWriter.field(value)) }
            }
        }
        for cell in row.invalidCells { writer.appendCopyLine(cell: cell, to: &cells) }
        if block.data.readableBytes >= Self.blockBytes { try await sendBlock() }
        if cells.readableBytes >= Self.cellBufferLimit { try await writeCells() }
    }

    mutating func discardSheet(_ key: String) async throws {
        await blocks?.abandon()
        blocks = nil
        block = RowBlock(sheet: key, index: 0, capacity: Self.blockBytes + 4096)
        cells.clear()
        progress.subtract(sheetWritten)
        sheetWritten = 0
        try await writer.rollbackToSavepoint()
    }

    mutating func endSheet(_ key: String) async throws {
        try await writeCells()
        try await writer.releaseSavepoint()
    }

    /// Stops a block writer left running by a failure, so nothing waits on it.
    mutating func abandon() async {
        await blocks?.abandon()
        blocks = nil
    }

    /// Hands the filled block to the writer and starts the next. Also where a run whose lease was lost (its
    /// task canceled) stops reading: the engine itself never looks at cancellation.
    private mutating func sendBlock() async throws {
        try Task.checkCancellation()
        guard block.rowCount > 0 else { return }
        if blocks == nil { blocks = writer.startRowBlocks() }
        try await blocks!.send(block)
        progress.add(block.rowCount)
        sheetWritten += block.rowCount
        block = RowBlock(sheet: block.sheet, index: block.index + 1, capacity: Self.blockBytes + 4096)
    }

    /// Stores what is left of the rows (the connection serves one statement at a time), then the buffered cells.
    private mutating func writeCells() async throws {
        try await sendBlock()
        try await blocks?.finish()
        blocks = nil
        try await writer.copyCells(cells)
        cells.clear()
    }
}
