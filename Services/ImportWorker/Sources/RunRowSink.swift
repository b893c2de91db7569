import IntakeDomain
import IntakeEngine
import IntakePersistence

/// Where the engine's rows go in a run: each batch handed to a `SheetRowEncoder`, which encodes and stores
/// it on another task while the engine heals the next batch. Each sheet sits behind a savepoint so a sheet
/// read again with better decisions replaces its first attempt.
struct RunRowSink: RowSink {
    let writer: RunResultWriter
    let progress: RowCounter
    private var encoder: SheetRowEncoder?
    /// Rows of the current sheet already handed over (and counted as progress).
    private var sheetWritten = 0

    init(writer: RunResultWriter, progress: RowCounter) {
        self.writer = writer
        self.progress = progress
    }

    mutating func beginSheet(_ key: String) async throws {
        sheetWritten = 0
        try await writer.savepoint()
        encoder = SheetRowEncoder(writer: writer, sheet: key)
    }

    /// Hands the rows to the encoder. Also where a run whose lease was lost (its task canceled) stops
    /// reading: the engine itself never looks at cancellation.
    mutating func write(_ rows: RowBatch, sheet: String) async throws {
        try Task.checkCancellation()
        guard !rows.isEmpty else { return }
        guard let encoder else { preconditionFailure("rows written outside a sheet (the engine begins every sheet first)") }
        try await encoder.send(rows)
        progress.add(rows.count)
        sheetWritten += rows.count
    }

    mutating func discardSheet(_ key: String) async throws {
        await encoder?.abandon()
        progress.subtract(sheetWritten)
        sheetWritten = 0
        try await writer.rollbackToSavepoint()
        encoder = SheetRowEncoder(writer: writer, sheet: key)
    }

    mutating func endSheet(_ key: String) async throws {
        try await encoder?.finish()
        encoder = nil
        try await writer.releaseSavepoint()
    }

    /// Stops an encoder left running by a failure, so nothing waits on it.
    mutating func abandon() async {
        await encoder?.abandon()
        encoder = nil
    }
}
