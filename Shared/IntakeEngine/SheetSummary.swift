import IntakeDomain

/// Running totals for one sheet: row counts and a per-column fill profile.
public struct SheetSummary: Sendable, Equatable {
    public var rows = 0
    public var invalidRows = 0
    public var invalidCells = 0
    public var blankRows = 0
    public var filled: [Int]
    /// Per column, how many distinct values it held (`ColumnProcessor.distinctCount`).
    var distinct: [Int]

    init(columnCount: Int) {
        filled = [Int](repeating: 0, count: columnCount)
        distinct = [Int](repeating: 0, count: columnCount)
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
            // An estimate (past 1,024 values, other than a `unique` column's) may come out above the cells
            // filled; a column never holds more distinct values than that.
            profile[column.key] = RunReport.ColumnProfile(filled: filled[index], distinct: min(distinct[index], filled[index]))
        }
        return profile
    }
}
