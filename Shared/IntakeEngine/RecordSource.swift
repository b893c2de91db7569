import IntakeDomain

/// A source table that can be read front to back, as many times as asked: the header row, then each
/// record with its 1-based number.
public protocol RecordSource: Sendable {
    /// Calls `header` once with the header row, then `record` for every following record; returns what was
    /// repaired to read it (encoding, delimiter, header row past a preamble).
    /// Throws `RunError` for input that cannot be read at all (e.g. an empty file).
    func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent]

    /// Whether the order of its columns means anything (not for JSON objects), so reordering is worth reporting.
    var hasColumnOrder: Bool { get }
}

extension RecordSource {
    public var hasColumnOrder: Bool { true }
}

/// Where a run's rows go: written as they come, per sheet, with the rows of the sheet in progress
/// discardable (when a sheet must be read again with decisions only its end revealed).
public protocol RowSink {
    mutating func beginSheet(_ key: String) async throws
    mutating func write(_ row: ProcessedRow, sheet: String) async throws
    /// Forgets every row written since `beginSheet(key)`.
    mutating func discardSheet(_ key: String) async throws
    mutating func endSheet(_ key: String) async throws
}
