/// Reads calendar dates in the column's declared format (ISO 8601 when none is declared).
struct DateNormalizer {
    let format: DateFormat
    let formatName: String

    func normalize(_ value: String) -> Result<String, CellFailure> {
        if let date = format.parse(value) ?? DateFormat.iso.parse(value) {
            return .success(date.iso)
        }
        return .failure(.type("\"\(value)\" is not a date in the format \(formatName)"))
    }
}
