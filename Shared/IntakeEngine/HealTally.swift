import IntakeDomain

/// Counts cell repairs per column and kind, keeping the first repaired cell as an example.
public struct HealTally: Sendable, Equatable {
    struct Key: Equatable {
        var column: Int
        var heal: CellHeal
    }

    struct Entry: Equatable {
        var cells: Int
        var exampleFrom: String
        var exampleTo: String
    }

    /// Per column, its kinds of repair so far (a handful at most, so a linear search beats hashing).
    struct Counted: Equatable {
        var heal: CellHeal
        var entry: Entry
    }

    private var byColumn: [[Counted]] = []
    private var order: [Key] = []

    /// Counts one repair; `raw` (trimmed here) becomes the example when it is the first of its kind.
    mutating func add(_ column: Int, _ heal: CellHeal, raw: String, canonical: String) {
        if column >= byColumn.count { byColumn += Array(repeating: [], count: column + 1 - byColumn.count) }
        if let index = byColumn[column].firstIndex(where: { $0.heal == heal }) {
            byColumn[column][index].entry.cells += 1
        } else {
            byColumn[column].append(Counted(heal: heal, entry: Entry(cells: 1, exampleFrom: ValueText.trimmed(raw), exampleTo: canonical)))
            order.append(Key(column: column, heal: heal))
        }
    }

    /// Cells repaired in `column`, all kinds together.
    public func cells(column: Int) -> Int {
        column < byColumn.count ? byColumn[column].reduce(0) { $0 + $1.entry.cells } : 0
    }

    /// One healing event per column and kind: format heals name the formats, value heals an example.
    func events(sheet: String, columns: [TemplateColumn]) -> [HealingEvent] {
        order.map { key in
            let entry = byColumn[key.column].first { $0.heal == key.heal }!.entry
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
