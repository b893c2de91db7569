import Foundation

/// Splits a SQL script into statements at top-level semicolons, respecting quotes, `$$` bodies and `--` comments.
///
/// PostgresNIO speaks the extended protocol, which takes one statement at a time.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inSingleQuote = false
        var inDollarQuote = false
        var inComment = false
        var previous: Character = "\0"
        for character in script {
            if inComment {
                if character == "\n" { inComment = false }
                previous = character
                continue
            }
            if !inSingleQuote, !inDollarQuote, character == "-", previous == "-" {
                current.removeLast()
                inComment = true
                continue
            }
            if !inDollarQuote, character == "'" { inSingleQuote.toggle() }
            if !inSingleQuote, character == "$", previous == "$" { inDollarQuote.toggle() }
            if character == ";", !inSingleQuote, !inDollarQuote {
                appendTrimmed(current, to: &statements)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        appendTrimmed(current, to: &statements)
        return statements
    }

    private static func appendTrimmed(_ statement: String, to statements: inout [String]) {
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { statements.append(trimmed) }
    }
}
