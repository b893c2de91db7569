/// A date value taken apart by its written shape, before any day/month order is applied.
///
/// Shapes: year first (`2024-03-05`, `2024/3/5`, `2024.03.05`), numeric with the year last
/// (`03/05/2024`, `5.3.24`, `03-05-2024`), a month name (`5 Mar 2024`, `March 5th, 2024`,
/// `Tue, 05-Mar-24`), an Excel serial day number (`45356`), any of them followed by a time of day.
enum DateShape: Equatable {
    /// Year first: unambiguous.
    case yearFirst(CalendarDate)
    /// Year last with two numbers whose order the column decides.
    case numeric(first: Int, second: Int, year: Int, separator: Character, yearDigits: Int)
    /// A month written as a word: unambiguous.
    case textual(CalendarDate)
    /// Days since 1899-12-30 (Excel's 1900 date system), within 1927–2173.
    case serial(CalendarDate)

    /// The shape of a trimmed value and whether a time of day followed it; nil when it is no date.
    static func classify(_ value: String) -> (shape: DateShape, hadTime: Bool)? {
        let (datePart, hadTime) = splitTime(value)
        if let shape = numeric(datePart.utf8) { return (shape, hadTime) }
        if datePart.utf8.contains(where: { $0 >= 0x80 || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) }),
           let shape = textual(datePart) {
            return (shape, hadTime)
        }
        if !hadTime, let shape = serial(datePart) { return (shape, false) }
        return nil
    }

    /// The evidence a numeric value (its first two numbers) gives about the column's order: a first number
    /// over 12 can only be a day, a second number over 12 only a day too.
    @inline(__always)
    static func orderEvidence(first: Int, second: Int) -> DateOrder? {
        if first > 12, second <= 12 { return .dayFirst }
        if second > 12, first <= 12 { return .monthFirst }
        return nil
    }

    /// A numeric date as read byte by byte (`numericDate`): year first, or year last with its separator as a
    /// byte (no `Character` made: the byte path reads one per cell).
    enum NumericDate {
        case yearFirst(CalendarDate)
        case yearLast(first: Int, second: Int, year: Int, separator: UInt8, yearDigits: Int)
    }

    // MARK: - Parsing

    /// Splits `2024-03-05T10:30:00Z` or `03/05/2024 10:30 PM` into the date and whether a time followed.
    static func splitTime(_ value: String) -> (Substring, Bool) {
        guard value.utf8.contains(UInt8(ascii: ":")), let colon = value.firstIndex(of: ":") else { return (Substring(value), false) }
        var hourStart = colon
        while hourStart > value.startIndex, value[value.index(before: hourStart)].isASCIIDigit {
            hourStart = value.index(before: hourStart)
        }
        guard hourStart > value.startIndex, hourStart < colon else { return (Substring(value), false) }
        let separator = value.index(before: hourStart)
        guard value[separator] == " " || value[separator] == "T" else { return (Substring(value), false) }
        let time = value[hourStart...]
        let allowed = time.allSatisfy { $0.isASCIIDigit || ":.+- ZzAaPpMm".contains($0) }
        guard allowed else { return (Substring(value), false) }
        var date = value[..<separator]
        while date.last == " " || date.last == "," { date = date.dropLast() }
        return (date, true)
    }

    /// `a/b/yyyy`-like values and year-first ones (see `numericDate`).
    private static func numeric(_ text: some Collection<UInt8>) -> DateShape? {
        switch numericDate(text) {
        case .yearFirst(let date)?:
            return .yearFirst(date)
        case .yearLast(let first, let second, let year, let separator, let yearDigits)?:
            return .numeric(first: first, second: second, year: year, separator: Character(UnicodeScalar(separator)), yearDigits: yearDigits)
        case nil:
            return nil
        }
    }

    /// `a/b/yyyy`-like values and year-first ones, read byte by byte: three groups of digits joined by the
    /// same separator (`/`, `.` or `-`), a dotted date perhaps ending in a dot.
    @inline(__always)
    static func numericDate(_ text: some Collection<UInt8>) -> NumericDate? {
        var index = text.startIndex
        guard let first = digitRun(text, from: &index), index != text.endIndex else { return nil }
        let separator = text[index]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-") else { return nil }
        text.formIndex(after: &index)
        guard let second = digitRun(text, from: &index), index != text.endIndex, text[index] == separator else { return nil }
        text.formIndex(after: &index)
        guard let third = digitRun(text, from: &index) else { return nil }
        // Nothing may follow but the dot ending a dotted date.
        if index != text.endIndex {
            guard separator == UInt8(ascii: "."), text[index] == separator, text.index(after: index) == text.endIndex else { return nil }
        }
        let values = (first.value, second.value, third.value)
        let digits = (first.digits, second.digits, third.digits)
        if digits.0 == 4, digits.1 <= 2, digits.2 <= 2 {
            return CalendarDate(year: values.0, month: values.1, day: values.2).map(NumericDate.yearFirst)
        }
        guard digits.0 <= 2, digits.1 <= 2, digits.2 == 4 || digits.2 == 2,
              (1...31).contains(values.0), (1...31).contains(values.1)
        else { return nil }
        let year = digits.2 == 4 ? values.2 : CalendarDate.expand(twoDigitYear: values.2)
        return .yearLast(first: values.0, second: values.1, year: year, separator: separator, yearDigits: digits.2)
    }

    /// A run of one to four ASCII digits from `index` on (left just past it): its value and length; nil for
    /// none or more than four.
    @inline(__always)
    private static func digitRun<Text: Collection<UInt8>>(_ text: Text, from index: inout Text.Index) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while index != text.endIndex {
            let byte = text[index]
            guard byte.isASCIIDigit else { break }
            digits += 1
            guard digits <= 4 else { return nil }
            value = value * 10 + Int(byte &- 0x30)
            text.formIndex(after: &index)
        }
        return digits > 0 ? (value, digits) : nil
    }

    private static func textual(_ text: Substring) -> DateShape? {
        let tokens = text.split { !($0.isLetter || $0.isASCIIDigit) }
        guard (2...4).contains(tokens.count) else { return nil }
        var month: Int?
        var monthPosition = 0
        var numbers: [(value: Int, digits: Int)] = []
        for (position, token) in tokens.enumerated() {
            if token.first!.isLetter {
                let lowered = token.lowercased()
                if MonthName.isWeekday(lowered), position == 0 { continue }
                guard month == nil, let found = MonthName.month(lowered) else { return nil }
                month = found
                monthPosition = numbers.count
            } else {
                let digits = token.prefix { $0.isASCIIDigit }
                let suffix = token.dropFirst(digits.count).lowercased()
                guard ["", "st", "nd", "rd", "th"].contains(suffix), let number = Int(digits) else { return nil }
                numbers.append((number, digits.count))
            }
        }
        guard let month, numbers.count == 2 else { return nil }
        let day: (value: Int, digits: Int)
        let year: (value: Int, digits: Int)
        if numbers[0].digits == 4 {
            (year, day) = (numbers[0], numbers[1])
        } else if numbers[1].digits == 4 || numbers[1].digits == 2, numbers[0].digits <= 2, monthPosition <= 1 {
            (day, year) = (numbers[0], numbers[1])
        } else {
            return nil
        }
        guard day.digits <= 2, year.digits == 4 || year.digits == 2 else { return nil }
        let fullYear = year.digits == 4 ? year.value : CalendarDate.expand(twoDigitYear: year.value)
        return CalendarDate(year: fullYear, month: month, day: day.value).map(DateShape.textual)
    }

    private static func serial(_ text: Substring) -> DateShape? {
        guard text.utf8.count >= 5, text.utf8.allSatisfy({ $0.isASCIIDigit || $0 == UInt8(ascii: ".") }) else { return nil }
        let integer = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = integer.first, whole.count == 5, whole.allSatisfy({ $0.isASCIIDigit }),
              integer.count == 1 || integer[1].allSatisfy({ $0.isASCIIDigit }),
              let days = Int(whole), days >= 10_000
        else { return nil }
        return CalendarDate(daysSinceEpoch: CalendarDate.excelEpochDays + days).map(DateShape.serial)
    }
}

/// English month and weekday names, with common German, French and Spanish month names.
enum MonthName {
    private static let months: [[String]] = [
        ["jan", "january", "januar", "janvier", "enero", "ene"],
        ["feb", "february", "februar", "février", "fevrier", "febrero", "fév", "fev"],
        ["mar", "march", "märz", "maerz", "mars", "marzo", "mär"],
        ["apr", "april", "avril", "abril", "abr", "avr"],
        ["may", "mai", "mayo"],
        ["jun", "june", "juni", "juin", "junio"],
        ["jul", "july", "juli", "juillet", "julio", "juil"],
        ["aug", "august", "août", "aout", "agosto", "ago"],
        ["sep", "sept", "september", "septembre", "septiembre"],
        ["oct", "october", "oktober", "okt", "octobre", "octubre"],
        ["nov", "november", "novembre", "noviembre"],
        ["dec", "december", "dezember", "dez", "décembre", "decembre", "diciembre", "dic", "déc"],
    ]
    private static let byName: [String: Int] = {
        var names: [String: Int] = [:]
        for (index, spellings) in months.enumerated() {
            for spelling in spellings { names[spelling] = index + 1 }
        }
        return names
    }()
    private static let weekdays: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday",
    ]

    static func month(_ lowered: String) -> Int? { byName[lowered] }
    static func isWeekday(_ lowered: String) -> Bool { weekdays.contains(lowered) }
}
