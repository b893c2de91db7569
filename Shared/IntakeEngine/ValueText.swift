/// Whitespace handling shared by every normaliser: trims spaces, tabs, line breaks and no-break spaces.
enum ValueText {
    static func isTrimmable(_ character: Character) -> Bool {
        character.isWhitespace || character == "\u{00A0}" || character == "\u{FEFF}"
    }

    static func trimmed(_ value: String) -> String {
        guard let first = value.firstIndex(where: { !isTrimmable($0) }) else { return "" }
        let last = value.lastIndex(where: { !isTrimmable($0) })!
        return String(value[first...last])
    }
}

extension ValueText {
    /// Whether `value` starts or ends with something `trimmed` removes.
    static func hasPadding(_ value: String) -> Bool {
        guard let first = value.first, let last = value.last else { return false }
        return isTrimmable(first) || isTrimmable(last)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
