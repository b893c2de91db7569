import AsyncAlgorithms
import IntakeEngine
import IntakePersistence
import NIOCore
import Synchronization

/// Turns one sheet's processed rows into stored row blocks and invalid-cell COPY text on its own task, beside
/// the engine. The engine's side hands over batches of rows, each taken when the previous one is encoded (a
/// rendezvous, so at most two batches are in memory); encoding each canonical CSV record, inserting the
/// blocks and freeing the rows all happen off the healing thread.
///
/// Blocks are about 256 KiB; the next blocks are encoded while Postgres stores the last ones. Up to
/// `insertsInFlight` inserts are queued on the connection at once: it runs one statement at a time, but
/// starts the next queued one from its own event loop the moment the last ends, so the database never idles
/// waiting for this task to be scheduled again (on a busy machine the healing lanes hold the cooperative
/// threads for a batch at a time). Invalid cells are written after the sheet's rows, or earlier when they
/// pass 8 MiB (this task is the connection's only user meanwhile).
final class SheetRowEncoder: Sendable {
    static let blockBytes = 256 * 1024
    static let insertsInFlight = 3
    static let cellBufferLimit = 8 << 20

    private let channel = AsyncChannel<RowBatch>()
    private let failure = FailureBox()
    private let task: Task<Void, any Error>

    init(writer: RunResultWriter, sheet: String) {
        let channel = self.channel
        let failure = self.failure
        task = Task {
            var encoding = Encoding(writer: writer, sheet: sheet)
            do {
                for await rows in channel {
                    try await encoding.encode(rows)
                }
                try Task.checkCancellation()
                try await encoding.flush()
            } catch {
                failure.value.withLock { $0 = error }
                // Nothing of this sheet's may still be writing once the encoder is done.
                try? await encoding.settle()
                for await _ in channel {}
                throw error
            }
        }
    }

    /// Hands over a batch of rows; throws the encoder's error once it has failed.
    func send(_ rows: RowBatch) async throws {
        if let error = failure.value.withLock({ $0 }) { throw error }
        await channel.send(rows)
        if let error = failure.value.withLock({ $0 }) { throw error }
    }

    /// Stores what is left and waits until every row and invalid cell sent is written.
    func finish() async throws {
        channel.finish()
        try await task.value
    }

    /// Stops without writing what is left (after a failure elsewhere, or when the sheet is read again).
    func abandon() async {
        task.cancel()
        channel.finish()
        _ = try? await task.value
    }

    /// The state of the encoding task.
    private struct Encoding {
        let writer: RunResultWriter
        var block: RowBlock
        var cells = ByteBuffer()
        /// The inserts of the last full blocks, oldest first, still running while the next ones are encoded.
        var inFlight: [Task<Void, any Error>] = []

        init(writer: RunResultWriter, sheet: String) {
            self.writer = writer
            block = RowBlock(sheet: sheet, index: 0, capacity: SheetRowEncoder.blockBytes + 4096)
        }

        mutating func encode(_ rows: RowBatch) async throws {
            var next = 0
            while next < rows.count {
                next = encode(rows, from: next)
                if block.data.readableBytes >= SheetRowEncoder.blockBytes { try await storeBlock() }
                if cells.readableBytes >= SheetRowEncoder.cellBufferLimit { try await storeCells() }
            }
        }

        /// Encodes rows from `start` on, each record written straight into the block, until the block or
        /// the invalid cells are full or the rows end; returns the next row to encode.
        private mutating func encode(_ rows: RowBatch, from start: Int) -> Int {
            rows.withRecordWriter { records in
                var row = start
                while row < rows.count {
                    block.append(number: rows.numbers[row], invalid: rows.isInvalid(row)) { data in
                        data.writeWithUnsafeMutableBytes(minimumWritableBytes: records.maximumCount(row)) { records.write(row, to: $0) }
                    }
                    for cell in rows.invalidCells(row) { writer.appendCopyLine(cell: cell, to: &cells) }
                    row += 1
                    if block.data.readableBytes >= SheetRowEncoder.blockBytes || cells.readableBytes >= SheetRowEncoder.cellBufferLimit { break }
                }
                return row
            }
        }

        mutating func flush() async throws {
            try await storeBlock()
            try await settle()
            try await storeCells()
        }

        /// Waits for every insert in flight, throwing the first one's error (the ones queued after a failed
        /// insert fail too, in the aborted transaction).
        mutating func settle() async throws {
            var failure: (any Error)?
            for insert in inFlight {
                do { try await insert.value } catch { failure = failure ?? error }
            }
            inFlight = []
            if let failure { throw failure }
        }

        private mutating func storeBlock() async throws {
            guard block.rowCount > 0 else { return }
            try Task.checkCancellation()
            if inFlight.count >= SheetRowEncoder.insertsInFlight {
                let oldest = inFlight.removeFirst()
                do { try await oldest.value } catch {
                    try? await settle()
                    throw error
                }
            }
            let (writer, full) = (self.writer, block)
            inFlight.append(Task { try await writer.insert(full) })
            block = RowBlock(sheet: block.sheet, index: block.index + 1, capacity: SheetRowEncoder.blockBytes + 4096)
        }

        private mutating func storeCells() async throws {
            try await settle()
            try await writer.copyCells(cells)
            cells.clear()
        }
    }
}

/// The encoder's error, shared by the task that meets it and the producer that must hear of it.
private final class FailureBox: Sendable {
    let value = Mutex<(any Error)?>(nil)
}
