import IntakeDomain

/// Holds a table's first records back until its header row can be told from preamble lines (titles, export
/// notes, blank lines), then passes the header once and numbers every record after it from 1.
public struct HeaderGate {
    public let sheet: String
    public private(set) var heal: HealingEvent?
    public private(set) var headerSeen = false
    private var held: [[String]] = []
    private var number = 0

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
}
