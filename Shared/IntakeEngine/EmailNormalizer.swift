/// Lower-cases an address and checks its shape: one `@`, a local part, a dotted domain, no spaces.
/// A `mailto:` prefix is dropped, and `Ada Lovelace <ada@example.com>` is read as the address in brackets.
struct EmailNormalizer {
    func normalize(_ value: String) -> CellReading {
        var lowered = value.lowercased()
        if lowered.hasPrefix("mailto:") { lowered.removeFirst(7) }
        if lowered.hasSuffix(">"), let open = lowered.lastIndex(of: "<") {
            lowered = String(lowered[lowered.index(after: open)..<lowered.index(before: lowered.endIndex)])
        }
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(.type("\"\(value)\" is not an email address"))
        }
        let local = parts[0]
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !local.isEmpty && local.count <= 64
            && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
            && local.allSatisfy(Self.isLocalCharacter)
            && labels.count >= 2
            && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") && $0.allSatisfy(Self.isDomainCharacter) }
            && (labels.last?.count ?? 0) >= 2
        guard valid else {
            return .failure(.type("\"\(value)\" is not an email address"))
        }
        return .value(lowered)
    }

    private static func isLocalCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isASCIIDigit || "!#$%&'*+/=?^_`{|}~.-".contains(character)
    }

    private static func isDomainCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isASCIIDigit || character == "-")
    }
}
