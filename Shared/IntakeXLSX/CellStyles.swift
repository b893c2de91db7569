/// Which cell styles of a workbook show numbers as dates or date-times (from `xl/styles.xml`).
struct CellStyles: Sendable {
    enum DateKind: Equatable {
        case date
        case dateTime
    }

    /// Per cell style index (`s` attribute), its date kind; nil for styles that show plain numbers.
    let kinds: [DateKind?]

    static let none = CellStyles(kinds: [])

    func dateKind(style: Int) -> DateKind? {
        kinds.indices.contains(style) ? kinds[style] : nil
    }

    /// Reads `cellXfs` and custom `numFmts` from the styles part.
    static func parse(_ bytes: [UInt8]) -> CellStyles {
        var tokenizer = XMLTokenizer()
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        tokenizer.feed(bytes) { event in
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = code }
            case .start("cellXfs", _, _):
                inCellXfs = true
            case .end("cellXfs"):
                inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs:
                formats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default:
                break
            }
        }
        return CellStyles(kinds: formats.map { kind(formatId: $0, code: custom[$0]) })
    }

    /// Built-in date formats 14–17 and 22, 27–36 and 50–58 (East Asian dates); custom codes with day, month
    /// or year tokens outside quotes and brackets. A code with hours or seconds is a date-time.
    static func kind(formatId: Int, code: String?) -> DateKind? {
        switch formatId {
        case 14...17, 27...36, 50...58: return .date
        case 22: return .dateTime
        default: break
        }
        guard let code else { return nil }
        var plain = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket { plain.append(character) }
            }
        }
        let section = plain.split(separator: ";").first.map(String.init) ?? plain
        guard section.contains(where: { "dy".contains($0) }) || (section.contains("m") && !section.contains("h") && !section.contains("s") && section.contains("/")) else {
            return nil
        }
        return section.contains("h") || section.contains("s") ? .dateTime : .date
    }
}
