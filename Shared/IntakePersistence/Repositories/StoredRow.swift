/// One output row ready for bulk write: its sheet, source record number, validity and canonical CSV record.
public struct StoredRow: Sendable, Equatable {
    public var sheet: String
    public var number: Int
    public var invalid: Bool
    public var csvRecord: String

    public init(sheet: String, number: Int, invalid: Bool, csvRecord: String) {
        self.sheet = sheet
        self.number = number
        self.invalid = invalid
        self.csvRecord = csvRecord
    }
}
