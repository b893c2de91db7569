/// Reads common spellings of yes and no, in English and the common European languages, check marks
/// included; canonical form is `true` / `false`.
struct BooleanNormalizer {
    private static let truthy: Set<String> = [
        "true", "t", "yes", "y", "1", "on", "x", "✓", "✔", "checked", "active", "enabled",
        "ja", "j", "oui", "si", "sí", "sim", "vrai", "wahr", "verdadero", "vero", "waar",
    ]
    private static let falsy: Set<String> = [
        "false", "f", "no", "n", "0", "off", "unchecked", "inactive", "disabled",
        "nein", "non", "não", "nao", "nej", "nee", "faux", "falsch", "falso", "onwaar",
    ]

    func normalize(_ value: String) -> CellReading {
        let lowered = value.lowercased()
        if Self.truthy.contains(lowered) { return .checked("true", written: value, kind: .booleanFormat) }
        if Self.falsy.contains(lowered) { return .checked("false", written: value, kind: .booleanFormat) }
        return .failure(.type("\"\(value)\" is not a boolean (expected true/false, yes/no, 1/0)"))
    }
}
