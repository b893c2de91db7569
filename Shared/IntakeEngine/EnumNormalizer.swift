/// Maps a value onto one of the column's allowed values when it differs only in case, spacing,
/// punctuation or accents (`In Progress`, `in-progress` and `IN_PROGRESS` are `in_progress`).
/// Anything further (abbreviations, synonyms) is the plan's `value_maps`, which a proposal can offer.
struct EnumNormalizer {
    let allowed: [String]
    private let exact: Set<String>
    private let byKey: [String: String]

    init(allowed: [String]) {
        self.allowed = allowed
        self.exact = Set(allowed)
        var byKey: [String: String] = [:]
        for value in allowed where byKey[Self.key(value)] == nil {
            byKey[Self.key(value)] = value
        }
        self.byKey = byKey
    }

    func normalize(_ value: String) -> CellReading {
        if exact.contains(value) { return .value(value) }
        if let canonical = byKey[Self.key(value)] { return .checked(canonical, written: value, kind: .enumValue) }
        return .failure(CellFailure(.constraintError, "\"\(value)\" is not one of: \(allowed.joined(separator: ", "))"))
    }

    /// Folded comparison key: lower case, letters and digits only, common Latin accents removed.
    static func key(_ value: String) -> String {
        String(value.lowercased().compactMap { character -> Character? in
            let base = accents[character] ?? character
            return base.isLetter || base.isNumber ? base : nil
        })
    }

    private static let accents: [Character: Character] = [
        "à": "a", "á": "a", "â": "a", "ä": "a", "ã": "a", "å": "a", "ç": "c", "è": "e", "é": "e", "ê": "e",
        "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "ö": "o",
        "õ": "o", "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y",
    ]
}
