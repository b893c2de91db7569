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
