import IntakeDomain
import IntakeEngine

/// Collects a run's rows per sheet, as the worker's COPY sink would store them.
struct MemorySink: RowSink {
    var rows: [String: [ProcessedRow]] = [:]
    var discarded: [String] = []

    mutating func beginSheet(_ key: String) async throws { rows[key] = [] }
    mutating func write(_ batch: RowBatch, sheet: String) async throws { rows[sheet, default: []] += batch.rows }
    mutating func discardSheet(_ key: String) async throws {
        discarded.append(key)
        rows[key] = []
    }
    mutating func endSheet(_ key: String) async throws {}

    /// The valid rows of a sheet as the export writes them.
    func validCSV(_ sheet: String) -> [String] {
        (rows[sheet] ?? []).filter { !$0.isInvalid }.map { CSVRecordWriter.record($0.values) }
    }
}
