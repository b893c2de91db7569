/// Reads ISO 8601 date-times (`T` or space separated, optional seconds, fraction and offset).
///
/// Canonical form: `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`, the offset kept as given.
struct DateTimeNormalizer {
    func normalize(_ value: String) -> CellReading {
        func failure() -> CellFailure { .type("\"\(value)\" is not an ISO 8601 date-time") }
        guard value.count >= 16 else { return .failure(failure()) }
        let dateEnd = value.index(value.startIndex, offsetBy: 10)
        guard let date = DateFormat.iso.parse(String(value[..<dateEnd])),
              value[dateEnd] == "T" || value[dateEnd] == " "
        else { return .failure(failure()) }
        var rest = value[value.index(after: dateEnd)...]
        guard let hour = Self.take2(&rest, upTo: 23), rest.popFirst() == ":",
              let minute = Self.take2(&rest, upTo: 59)
        else { return .failure(failure()) }
        var second = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let parsed = Self.take2(&rest, upTo: 60) else { return .failure(failure()) }
            second = parsed
        }
        var fraction = ""
        if rest.first == "." {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: { $0.isASCIIDigit })
            guard !digits.isEmpty else { return .failure(failure()) }
            fraction = "." + digits
            rest = rest.dropFirst(digits.count)
        }
        var offset = ""
        if rest.first == "Z" || rest.first == "z" {
            offset = "Z"
            rest = rest.dropFirst()
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let offsetHour = Self.take2(&rest, upTo: 14) else { return .failure(failure()) }
            if rest.first == ":" { rest = rest.dropFirst() }
            guard let offsetMinute = Self.take2(&rest, upTo: 59) else { return .failure(failure()) }
            offset = String(sign) + CalendarDate.pad(offsetHour, 2) + ":" + CalendarDate.pad(offsetMinute, 2)
        }
        guard rest.isEmpty else { return .failure(failure()) }
        let time = CalendarDate.pad(hour, 2) + ":" + CalendarDate.pad(minute, 2) + ":" + CalendarDate.pad(second, 2)
        return .checked(date.iso + "T" + time + fraction + offset, written: value, kind: .dateFormat)
    }

    private static func take2(_ text: inout Substring, upTo limit: Int) -> Int? {
        let digits = text.prefix(2)
        guard digits.count == 2, digits.allSatisfy({ $0.isASCIIDigit }), let number = Int(digits), number <= limit else {
            return nil
        }
        text = text.dropFirst(2)
        return number
    }
}
