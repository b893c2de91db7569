import IntakeDomain

/// Counts cell repairs per column and kind, keeping the first repaired cell as an example.
public struct HealTally: Sendable, Equatable {
    struct Key: Hashable {
        var column: Int
        var heal: CellHeal
    }

    struct Entry: Equatable {
        var cells: Int
        var exampleFrom: String
        var exampleTo: String
    }

    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []

    mutating func add(_ column: Int, _ heal: CellHeal, raw: String, canonical: String) {
        let key = Key(column: column, heal: heal)
        if entries[key] == nil {
            entries[key] = Entry(cells: 1, exampleFrom: raw, exampleTo: canonical)
            order.append(key)
        } else {
            entries[key]!.cells += 1
        }
    }

    /// Cells repaired in `column`, all kinds together.
    public func cells(column: Int) -> Int {
        entries.filter { $0.key.column == column }.reduce(0) { $0 + $1.value.cells }
    }

    /// One healing event per column and kind: format heals name the formats, value heals an example.
    func events(sheet: String, columns: [TemplateColumn]) -> [HealingEvent] {
        order.map { key in
            let entry = entries[key]!
            return HealingEvent(
                kind: key.heal.kind.rawValue, sheet: sheet, column: columns[key.column].key,
                from: key.heal.from ?? entry.exampleFrom, to: key.heal.to ?? entry.exampleTo,
                confidence: 1, cells: entry.cells
            )
        }
    }
}

/// What failed in one template column: counts by kind and the commonest failing values.
public struct ColumnFailures: Sendable, Equatable {
    /// Distinct failing values kept per column.
    static let valueLimit = 200

    public var total = 0
    public var ambiguousDates = 0
    public var ambiguousNumbers = 0
    public var empty = 0
    /// Failing trimmed values and how often each failed (at most `valueLimit` distinct).
    public var values: [String: Int] = [:]

    mutating func record(raw: String, failure: CellFailure) {
        total += 1
        switch failure.ambiguity {
        case .dateOrder: ambiguousDates += 1
        case .decimalSeparator: ambiguousNumbers += 1
        case nil: break
        }
        if raw.isEmpty {
            empty += 1
        } else if values[raw] != nil || values.count < Self.valueLimit {
            values[raw, default: 0] += 1
        }
    }
}
