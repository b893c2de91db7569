import IntakeDomain

/// Holds a table's first records back until its header row can be told from preamble lines (titles, export
/// notes, blank lines), then passes the header once and numbers every record after it from 1.
public struct HeaderGate {
    public let sheet: String
    public private(set) var heal: HealingEvent?
    public private(set) var headerSeen = false
    private var held: [[String]] = []
    private var number = 0
    /// Records of a batched source before its first data record (preamble and header row).
    private var skipped = 0

    public init(sheet: String) {
        self.sheet = sheet
    }

    /// Passes `records` on (or holds them while the header is still undecided).
    public mutating func pass(
        _ records: [[String]], final: Bool,
        header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void
    ) async throws {
        var pending = records
        if !headerSeen {
            held += records
            pending = []
            guard final || held.count >= HeaderRowFinder.sampleSize, let index = HeaderRowFinder.headerIndex(in: held) else { return }
            headerSeen = true
            if index > 0 {
                heal = HealingEvent(kind: HealKind.headerRow.rawValue, sheet: sheet, from: "record 1", to: "record \(index + 1)", confidence: 1)
            }
            try await header(held[index])
            pending = Array(held.dropFirst(index + 1))
            held = []
        }
        for fields in pending {
            number += 1
            try await record(number, fields)
        }
    }

    /// Passes a batch of records numbered from 1 in file order on, renumbered from the record after the
    /// header row (or holds them while the header is still undecided).
    public mutating func pass(
        _ batch: RecordBatch, final: Bool,
        header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void
    ) async throws {
        if headerSeen {
            guard !batch.isEmpty else { return }
            var renumbered = batch
            renumbered.renumber(by: -skipped)
            try await records(renumbered)
            return
        }
        for index in 0..<batch.count { held.append(batch.fields(index)) }
        guard final || held.count >= HeaderRowFinder.sampleSize, let index = HeaderRowFinder.headerIndex(in: held) else { return }
        headerSeen = true
        if index > 0 {
            heal = HealingEvent(kind: HealKind.headerRow.rawValue, sheet: sheet, from: "record 1", to: "record \(index + 1)", confidence: 1)
        }
        try await header(held[index])
        skipped = index + 1
        var rest = RecordBatch()
        for (offset, fields) in held.dropFirst(index + 1).enumerated() { rest.append(number: offset + 1, fields: fields) }
        held = []
        if !rest.isEmpty { try await records(rest) }
    }
}
