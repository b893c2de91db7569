import IntakeDomain

/// A source table that can be read front to back, as many times as asked: the header row, then each
/// record with its 1-based number.
public protocol RecordSource: Sendable {
    /// Calls `header` once with the header row, then `record` for every following record; returns what was
    /// repaired to read it (encoding, delimiter, header row past a preamble).
    /// Throws `RunError` for input that cannot be read at all (e.g. an empty file).
    func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent]

    /// The same, with the records handed over in batches (how the engine reads). Sources that parse bytes
    /// write their records straight into batches; the default gathers `record`'s.
    func read(header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws -> [HealingEvent]

    /// Whether the order of its columns means anything (not for JSON objects), so reordering is worth reporting.
    var hasColumnOrder: Bool { get }

    /// Its size in bytes, when known before reading: how many records it holds is estimated from it once
    /// the first have been read, to size what grows with them (a `unique` column's set).
    var byteCount: Int? { get }
}

extension RecordSource {
    public var hasColumnOrder: Bool { true }
    public var byteCount: Int? { nil }

    public func read(header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws -> [HealingEvent] {
        var batch = RecordBatch()
        let heals = try await read(header: header, record: { number, fields in
            batch.append(number: number, fields: fields)
            if batch.count >= RecordBatch.preferredCount {
                try await records(batch)
                batch.removeAll(keepingCapacity: true)
            }
        })
        if !batch.isEmpty { try await records(batch) }
        return heals
    }
}

extension RecordBatch {
    /// Records a source that gathers whole records hands over at a time.
    public static let preferredCount = 512

    /// Calls `record` with each record's number and fields, in order.
    public func forEachRecord(_ record: (Int, [String]) async throws -> Void) async rethrows {
        for index in 0..<count { try await record(numbers[index], fields(index)) }
    }
}

/// Where a run's rows go: written as they come, per sheet, with the rows of the sheet in progress
/// discardable (when a sheet must be read again with decisions only its end revealed).
public protocol RowSink {
    mutating func beginSheet(_ key: String) async throws
    /// Writes a batch of rows of sheet `sheet`, in order.
    mutating func write(_ rows: RowBatch, sheet: String) async throws
    /// Forgets every row written since `beginSheet(key)`.
    mutating func discardSheet(_ key: String) async throws
    mutating func endSheet(_ key: String) async throws
}
