import struct Foundation.UUID

/// The outcome of a run: counts per run and per sheet, and a fill profile per column.
public struct RunReport: Codable, Sendable, Equatable {
    /// Counts for one sheet of the plan.
    public struct Sheet: Codable, Sendable, Equatable {
        public var sheet: String
        public var templateId: UUID
        public var rows: Int
        public var invalidRows: Int

        public init(sheet: String, templateId: UUID, rows: Int, invalidRows: Int) {
            self.sheet = sheet
            self.templateId = templateId
            self.rows = rows
            self.invalidRows = invalidRows
        }

        enum CodingKeys: String, CodingKey {
            case sheet, rows
            case templateId = "template_id"
            case invalidRows = "invalid_rows"
        }
    }

    /// How many cells of a column were filled, and how many distinct values it held.
    public struct ColumnProfile: Codable, Sendable, Equatable {
        public var filled: Int
        public var distinct: Int

        public init(filled: Int, distinct: Int) {
            self.filled = filled
            self.distinct = distinct
        }
    }

    public var inserted: Int
    public var invalidRowCount: Int
    public var invalidCellCount: Int
    public var sheets: [Sheet]
    public var profile: [String: ColumnProfile]
    /// In `report` mode, what would fix the rows that still fail (the run completed without asking).
    public var suggestion: NeedsAttention?

    public init(inserted: Int, invalidRowCount: Int, invalidCellCount: Int, sheets: [Sheet], profile: [String: ColumnProfile], suggestion: NeedsAttention? = nil) {
        self.inserted = inserted
        self.invalidRowCount = invalidRowCount
        self.invalidCellCount = invalidCellCount
        self.sheets = sheets
        self.profile = profile
        self.suggestion = suggestion
    }

    enum CodingKeys: String, CodingKey {
        case inserted, sheets, profile, suggestion
        case invalidRowCount = "invalid_row_count"
        case invalidCellCount = "invalid_cell_count"
    }
}
