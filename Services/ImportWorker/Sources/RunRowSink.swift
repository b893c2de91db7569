import IntakeDomain
import IntakeEngine
import IntakePersistence

/// Writes a run's rows through the result writer in large COPY batches; each sheet sits behind a savepoint
/// so that a sheet read again with better decisions replaces its first attempt.
struct RunRowSink: RowSink {
    let writer: RunResultWriter
    let batchRows: Int
    let progress: RowCounter
    private var rows: [StoredRow] = []
    private var cells: [InvalidCell] = []
    /// Rows of the current sheet already sent to Postgres.
    private var sheetWritten = 0

    init(writer: RunResultWriter, batchRows: Int, progress: RowCounter) {
        self.writer = writer
        self.batchRows = batchRows
        self.progress = progress
        rows.reserveCapacity(batchRows)
    }

    mutating func beginSheet(_ key: String) async throws {
        sheetWritten = 0
        try await writer.savepoint()
    }

    mutating func write(_ row: ProcessedRow, sheet: String) async throws {
        rows.append(StoredRow(sheet: sheet, number: row.number, invalid: row.isInvalid, csvRecord: CSVRecordWriter.record(row.values)))
        cells.append(contentsOf: row.invalidCells)
        if rows.count >= batchRows { try await flush() }
    }

    mutating func discardSheet(_ key: String) async throws {
        rows.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        progress.subtract(sheetWritten)
        sheetWritten = 0
        try await writer.rollbackToSavepoint()
    }

    mutating func endSheet(_ key: String) async throws {
        try await flush()
        try await writer.releaseSavepoint()
    }

    private mutating func flush() async throws {
        try await writer.append(rows: rows, cells: cells)
        progress.add(rows.count)
        sheetWritten += rows.count
        rows.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
    }
}
