/// Reads common spellings of yes and no; canonical form is `true` / `false`.
struct BooleanNormalizer {
    private static let truthy: Set<String> = ["true", "t", "yes", "y", "1", "on", "x"]
    private static let falsy: Set<String> = ["false", "f", "no", "n", "0", "off"]

    func normalize(_ value: String) -> Result<String, CellFailure> {
        let lowered = value.lowercased()
        if Self.truthy.contains(lowered) { return .success("true") }
        if Self.falsy.contains(lowered) { return .success("false") }
        return .failure(.type("\"\(value)\" is not a boolean (expected true/false, yes/no, 1/0)"))
    }
}
