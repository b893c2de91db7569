import IntakeDomain

/// A source table read once, front to back: the header row, then each record with its 1-based number.
protocol RecordSource: Sendable {
    /// Calls `header` once with the header row, then `record` for every following record; returns what was
    /// healed to read it (encoding, delimiter, header row past a preamble).
    /// Throws `RunError` for input that cannot be read at all (e.g. an empty file).
    func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent]
}
