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
    /// A batched source's batches while the header is undecided, as read, and their first records as text
    /// (up to `HeaderRowFinder.sampleSize`, all the finder looks at).
    private var heldBatches: [RecordBatch] = []
    private var sample: [[String]] = []

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
        for index in 0..<min(batch.count, max(0, HeaderRowFinder.sampleSize - sample.count)) { sample.append(batch.fields(index)) }
        heldBatches.append(batch)
        let heldCount = heldBatches.reduce(0) { $0 + $1.count }
        guard final || heldCount >= HeaderRowFinder.sampleSize, let index = headerIndex() else { return }
        headerSeen = true
        if index > 0 {
            heal = HealingEvent(kind: HealKind.headerRow.rawValue, sheet: sheet, from: "record 1", to: "record \(index + 1)", confidence: 1)
        }
        skipped = index + 1
        // The records after the header row go on as they were read, batch by batch, renumbered from 1.
        var rest: [RecordBatch] = []
        var first = 0
        for held in heldBatches {
            defer { first += held.count }
            if index < first {
                rest.append(held)
            } else if index < first + held.count {
                try await header(held.fields(index - first))
                rest.append(held.suffix(from: index - first + 1))
            }
        }
        heldBatches = []
        sample = []
        for var batch in rest where !batch.isEmpty {
            batch.renumber(by: -skipped)
            try await records(batch)
        }
    }

    /// The header row's index among the held records: found in the sample, as `HeaderRowFinder.headerIndex`
    /// finds it among all of them. Only when none of the sample's records holds anything (a file opening with
    /// more blank lines than the sample) does it look past the sample, for the first record that holds one.
    private func headerIndex() -> Int? {
        if let index = HeaderRowFinder.headerIndex(in: sample) { return index }
        var offset = 0
        for held in heldBatches {
            for record in 0..<held.count where offset + record >= sample.count {
                if HeaderRowFinder.width(held.fields(record)) > 0 { return offset + record }
            }
            offset += held.count
        }
        return nil
    }
}
