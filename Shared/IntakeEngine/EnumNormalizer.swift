/// Maps a value onto one of the column's allowed values, ignoring case.
struct EnumNormalizer {
    let allowed: [String]
    let byLowercase: [String: String]

    init(allowed: [String]) {
        self.allowed = allowed
        var byLowercase: [String: String] = [:]
        for value in allowed where byLowercase[value.lowercased()] == nil {
            byLowercase[value.lowercased()] = value
        }
        self.byLowercase = byLowercase
    }

    func normalize(_ value: String) -> Result<String, CellFailure> {
        if let canonical = byLowercase[value.lowercased()] { return .success(canonical) }
        return .failure(CellFailure(.constraintError, "\"\(value)\" is not one of: \(allowed.joined(separator: ", "))"))
    }
}
