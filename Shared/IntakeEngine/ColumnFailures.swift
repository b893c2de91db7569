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

    /// The `limit` values that failed most often, most often first; values failing equally often in text
    /// order, so the same file always gives the same samples (a dictionary's order changes run to run).
    func commonest(_ limit: Int) -> [String] {
        Array(values.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit).map(\.key))
    }
}
