/// A date pattern such as `DD/MM/YYYY`, `M/D/YY`, `YYYY-MM-DD` or `DD MMM YYYY`.
///
/// Tokens: `YYYY`, `YY` (years 00–68 read as 20xx, 69–99 as 19xx), `MM`/`M` (month number),
/// `MMM` (month name or abbreviation, English), `DD`/`D` (day). Everything else is a literal separator.
public struct DateFormat: Sendable, Equatable {
    enum Token: Equatable {
        case year4, year2, month, monthName, day
        case literal(Character)
    }

    let tokens: [Token]

    /// The ISO 8601 calendar date form.
    public static let iso = DateFormat(tokens: [.year4, .literal("-"), .month, .literal("-"), .day])

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a pattern; nil when it names no year, month and day.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        var rest = Substring(pattern.uppercased())
        while let character = rest.first {
            let run = rest.prefix { $0 == character }
            switch (character, run.count) {
            case ("Y", 4): tokens.append(.year4)
            case ("Y", 2): tokens.append(.year2)
            case ("M", 1), ("M", 2): tokens.append(.month)
            case ("M", 3...): tokens.append(.monthName)
            case ("D", 1), ("D", 2): tokens.append(.day)
            case ("Y", _), ("D", _): return nil
            default: run.forEach { tokens.append(.literal($0)) }
            }
            rest = rest.dropFirst(run.count)
        }
        let hasYear = tokens.contains(.year4) || tokens.contains(.year2)
        let hasMonth = tokens.contains(.month) || tokens.contains(.monthName)
        guard hasYear, hasMonth, tokens.contains(.day) else { return nil }
        self.tokens = tokens
    }

    /// The day/month order of a numeric pattern such as `DD/MM/YYYY` (nil for year-first or month-name patterns).
    var numericOrder: DateOrder? {
        let fields = tokens.filter { if case .literal = $0 { false } else { true } }
        switch (fields.first, fields.dropFirst().first) {
        case (.day, .month): return .dayFirst
        case (.month, .day): return .monthFirst
        default: return nil
        }
    }

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// Reads `value` in this format; nil when it does not match or names no real day.
    func parse(_ value: String) -> CalendarDate? {
        var rest = Substring(value)
        var year: Int?
        var month: Int?
        var day: Int?
        for token in tokens {
            switch token {
            case .literal(let character):
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
            case .year4:
                guard let number = Self.takeDigits(&rest, min: 4, max: 4) else { return nil }
                year = number
            case .year2:
                guard let number = Self.takeDigits(&rest, min: 2, max: 2) else { return nil }
                year = CalendarDate.expand(twoDigitYear: number)
            case .month:
                guard let number = Self.takeDigits(&rest, min: 1, max: 2) else { return nil }
                month = number
            case .day:
                guard let number = Self.takeDigits(&rest, min: 1, max: 2) else { return nil }
                day = number
            case .monthName:
                let letters = rest.prefix(while: { $0.isLetter })
                let lowered = letters.lowercased()
                guard lowered.count >= 3,
                      let number = MonthName.month(lowered) ?? Self.monthNames.firstIndex(where: { lowered.hasPrefix($0) }).map({ $0 + 1 })
                else { return nil }
                month = number
                rest = rest.dropFirst(letters.count)
                if rest.first == "." { rest = rest.dropFirst() }
            }
        }
        guard rest.isEmpty, let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func takeDigits(_ text: inout Substring, min: Int, max: Int) -> Int? {
        let digits = text.prefix(max).prefix(while: { $0.isASCIIDigit })
        guard digits.count >= min, let number = Int(digits) else { return nil }
        text = text.dropFirst(digits.count)
        return number
    }
}
