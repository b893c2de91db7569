import IntakeDomain
import IntakeEngine
import IntakePersistence

/// Where the engine's rows go in a run: batched and handed to a `SheetRowEncoder`, which encodes and stores
/// them on another task while the engine heals the next batch. Each sheet sits behind a savepoint so a sheet
/// read again with better decisions replaces its first attempt.
struct RunRowSink: RowSink {
    static let batchRows = 1024

    let writer: RunResultWriter
    let progress: RowCounter
    private var encoder: SheetRowEncoder?
    private var pending: [ProcessedRow] = []
    /// Rows of the current sheet already handed over (and counted as progress).
    private var sheetWritten = 0

    init(writer: RunResultWriter, progress: RowCounter) {
        self.writer = writer
        self.progress = progress
        pending.reserveCapacity(Self.batchRows)
    }

    mutating func beginSheet(_ key: String) async throws {
        sheetWritten = 0
        try await writer.savepoint()
        encoder = SheetRowEncoder(writer: writer, sheet: key)
    }

    mutating func write(_ row: ProcessedRow, sheet: String) async throws {
        pending.append(row)
        if pending.count >= Self.batchRows { try await handOver() }
    }

    mutating func discardSheet(_ key: String) async throws {
        await encoder?.abandon()
        pending.removeAll(keepingCapacity: true)
        progress.subtract(sheetWritten)
        sheetWritten = 0
        try await writer.rollbackToSavepoint()
        encoder = SheetRowEncoder(writer: writer, sheet: key)
    }

    mutating func endSheet(_ key: String) async throws {
        try await handOver()
        try await encoder?.finish()
        encoder = nil
        try await writer.releaseSavepoint()
    }

    /// Stops an encoder left running by a failure, so nothing waits on it.
    mutating func abandon() async {
        await encoder?.abandon()
        encoder = nil
    }

    /// Hands the pending rows to the encoder. Also where a run whose lease was lost (its task canceled) stops
    /// reading: the engine itself never looks at cancellation.
    private mutating func handOver() async throws {
        try Task.checkCancellation()
        guard !pending.isEmpty else { return }
        guard let encoder else { preconditionFailure("rows written outside a sheet (the engine begins every sheet first)") }
        try await encoder.send(pending)
        progress.add(pending.count)
        sheetWritten += pending.count
        pending = []
        pending.reserveCapacity(Self.batchRows)
    }
}
