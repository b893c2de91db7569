/// The value type of a template column; decides how cells are normalised and validated.
public enum ColumnType: String, Codable, Sendable, CaseIterable {
    case string
    case integer
    case decimal
    case boolean
    case date
    case datetime
    case email
    case phone
    case url
    case `enum`
}
