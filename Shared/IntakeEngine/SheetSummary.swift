import IntakeDomain

/// Running totals for one sheet: row counts and a per-column fill profile.
public struct SheetSummary: Sendable, Equatable {
    public var rows = 0
    public var invalidRows = 0
    public var invalidCells = 0
    public var blankRows = 0
    public var filled: [Int]
    /// Per column, its distinct values counted in fixed memory (exact while few, estimated beyond).
    var distinctValues: [DistinctCounter]

    init(columnCount: Int) {
        filled = [Int](repeating: 0, count: columnCount)
        distinctValues = [DistinctCounter](repeating: DistinctCounter(), count: columnCount)
    }

    /// Counts a row with `invalidCells` invalid cells (its cells are counted by their columns).
    mutating func record(invalidCells: Int) {
        rows += 1
        if invalidCells > 0 { invalidRows += 1 }
        self.invalidCells += invalidCells
    }

    /// The report profile keyed by column key.
    public func profile(columns: [TemplateColumn]) -> [String: RunReport.ColumnProfile] {
        var profile: [String: RunReport.ColumnProfile] = [:]
        for (index, column) in columns.enumerated() {
            profile[column.key] = RunReport.ColumnProfile(filled: filled[index], distinct: distinctValues[index].count)
        }
        return profile
    }
}
