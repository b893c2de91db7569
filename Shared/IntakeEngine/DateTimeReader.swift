/// Reads the cells of a date-time column: ISO 8601 as is; otherwise a date in any shape `DateReader`
/// accepts (day/month order decided by the column), followed by a time of day (`10:30`, `10:30:15`,
/// `10:30 PM`), or an Excel serial with a fraction; a date alone is midnight. Canonical form:
/// `YYYY-MM-DDTHH:MM:SS`, with fraction and offset kept when ISO input had them.
struct DateTimeReader {
    let iso = DateTimeNormalizer()
    let dates: DateReader

    func read(_ value: String) -> CellReading {
        let direct = iso.normalize(value)
        if direct.canonical != nil { return direct }
        func failure() -> CellFailure { .type("\"\(value)\" is not a date-time") }
        if let serial = Double(value), value.contains("."), DateShape.classify(String(value.prefix { $0 != "." })) != nil,
           let text = ExcelSerial.text(serial, withTime: true) {
            return .healed(text, CellHeal(kind: .dateFormat, from: "ISO 8601", to: "Excel serial"))
        }
        let (datePart, hadTime) = DateShape.splitTime(value)
        var time = "00:00:00"
        if hadTime {
            guard let parsed = Self.time(value.dropFirst(datePart.count).drop { $0 == " " || $0 == "T" || $0 == "," }) else { return .failure(failure()) }
            time = parsed
        }
        switch dates.read(String(datePart)) {
        case .value(let date), .healed(let date, _):
            return .healed(date + "T" + time, CellHeal(kind: .dateFormat, from: "ISO 8601", to: hadTime ? "date and time" : "date only"))
        case .failure(let dateFailure):
            return .failure(dateFailure.ambiguity == nil ? failure() : dateFailure)
        }
    }

    /// `H:MM`, `HH:MM:SS(.fff)` with an optional `AM`/`PM`; nil for anything else.
    static func time(_ text: Substring) -> String? {
        var rest = text.trimmingSuffix(" ")
        var meridiem: String?
        let lowered = rest.lowercased()
        if lowered.hasSuffix("am") || lowered.hasSuffix("pm") {
            meridiem = String(lowered.suffix(2))
            rest = rest.dropLast(2).trimmingSuffix(" ")
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        let secondsText = parts.count == 3 ? parts[2].prefix { $0 != "." } : "0"
        guard let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2, let second = Int(secondsText),
              minute < 60, second <= 60
        else { return nil }
        var hour24 = hour
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour24 = hour % 12 + (meridiem == "pm" ? 12 : 0)
        }
        guard hour24 < 24 else { return nil }
        return CalendarDate.pad(hour24, 2) + ":" + CalendarDate.pad(minute, 2) + ":" + CalendarDate.pad(second, 2)
    }
}

private extension Substring {
    func trimmingSuffix(_ character: Character) -> Substring {
        var text = self
        while text.last == character { text = text.dropLast() }
        return text
    }
}
