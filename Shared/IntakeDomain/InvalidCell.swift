/// One cell that failed validation, named by sheet, source record number and column.
public struct InvalidCell: Codable, Sendable, Equatable {
    /// Frictionless-style error codes.
    public struct Code: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let typeError = Code(rawValue: "type-error")
        public static let constraintError = Code(rawValue: "constraint-error")
        public static let missingCell = Code(rawValue: "missing-cell")
        public static let uniqueError = Code(rawValue: "unique-error")
        public static let extraCell = Code(rawValue: "extra-cell")
        public static let blankRow = Code(rawValue: "blank-row")
        /// A `link` column's value names no row of the linked sheet.
        public static let foreignKey = Code(rawValue: "foreign-key")
    }

    public var sheet: String
    /// 1-based record number in the source (not the line number).
    public var row: Int
    public var column: String
    public var value: String
    public var code: Code
    public var message: String

    public init(sheet: String, row: Int, column: String, value: String, code: Code, message: String) {
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.code = code
        self.message = message
    }
}
