import IntakeDomain
import IntakeEngine
import IntakePersistence
import NIOCore

/// Streams a run's rows into Postgres while the engine produces them: each row is encoded straight into
/// COPY text (its canonical CSV record escaped for COPY, no intermediate string) and handed to a running
/// `COPY sheet_rows` in 256 KiB buffers. Invalid cells are buffered as COPY text and written after the rows
/// (or earlier, pausing the row COPY, when they pass 8 MiB). Each sheet sits behind a savepoint so a sheet
/// read again with better decisions replaces its first attempt.
struct RunRowSink: RowSink {
    static let bufferBytes = 256 * 1024
    static let cellBufferLimit = 8 << 20

    let writer: RunResultWriter
    let progress: RowCounter
    private var copy: RowCopy?
    private var rows = ByteBuffer()
    private var bufferedRows = 0
    private var cells = ByteBuffer()
    private var prefix: [UInt8] = []
    /// Rows of the current sheet already handed to Postgres.
    private var sheetWritten = 0

    init(writer: RunResultWriter, progress: RowCounter) {
        self.writer = writer
        self.progress = progress
        rows.reserveCapacity(Self.bufferBytes + 4096)
    }

    mutating func beginSheet(_ key: String) async throws {
        sheetWritten = 0
        prefix = writer.rowPrefix(sheet: key)
        try await writer.savepoint()
    }

    mutating func write(_ row: ProcessedRow, sheet: String) async throws {
        if copy == nil { copy = writer.startRowCopy() }
        rows.writeBytes(prefix)
        rows.writeString(String(row.number))
        rows.writeStaticString(row.isInvalid ? "\tt\t" : "\tf\t")
        for (index, value) in row.values.enumerated() {
            if index > 0 { rows.writeInteger(UInt8(ascii: ",")) }
            RunResultWriter.writeCopyField(CSVRecordWriter.isPlain(value) ? value : CSVRecordWriter.field(value), to: &rows)
        }
        rows.writeInteger(UInt8(ascii: "\n"))
        bufferedRows += 1
        for cell in row.invalidCells { writer.appendCopyLine(cell: cell, to: &cells) }
        if rows.readableBytes >= Self.bufferBytes { try await sendRows() }
        if cells.readableBytes >= Self.cellBufferLimit { try await writeCells() }
    }

    mutating func discardSheet(_ key: String) async throws {
        await copy?.abandon()
        copy = nil
        rows.clear()
        cells.clear()
        bufferedRows = 0
        progress.subtract(sheetWritten)
        sheetWritten = 0
        try await writer.rollbackToSavepoint()
    }

    mutating func endSheet(_ key: String) async throws {
        try await writeCells()
        try await writer.releaseSavepoint()
    }

    /// Ends a COPY left running by a failure, so nothing waits on it.
    mutating func abandon() async {
        await copy?.abandon()
        copy = nil
    }

    /// Hands the buffered rows to the COPY. Also where a run whose lease was lost (its task canceled) stops
    /// reading: the engine itself never looks at cancellation.
    private mutating func sendRows() async throws {
        try Task.checkCancellation()
        guard bufferedRows > 0 else { return }
        if copy == nil { copy = writer.startRowCopy() }
        try await copy!.send(rows)
        progress.add(bufferedRows)
        sheetWritten += bufferedRows
        rows = ByteBuffer()
        rows.reserveCapacity(Self.bufferBytes + 4096)
        bufferedRows = 0
    }

    /// Finishes the row COPY (the connection serves one COPY at a time) and writes the buffered cells.
    private mutating func writeCells() async throws {
        try await sendRows()
        try await copy?.finish()
        copy = nil
        try await writer.copyCells(cells)
        cells.clear()
    }
}
