/// Excel's serial day numbers: days since 1899-12-30 (the 1900 system) or 1904-01-01 (the 1904 system),
/// a fraction being the time of day.
public enum ExcelSerial {
    /// ISO 8601 text of a serial: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with the time; nil out of range.
    public static func text(_ serial: Double, withTime: Bool, date1904: Bool = false) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = serial.rounded(.down)
        var seconds = ((serial - days) * 86_400).rounded()
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let epoch = date1904 ? CalendarDate.excelEpochDays + 1462 : CalendarDate.excelEpochDays
        guard let date = CalendarDate(daysSinceEpoch: epoch + Int(days)) else { return nil }
        guard withTime else { return date.iso }
        let total = Int(seconds)
        return date.iso + "T" + CalendarDate.pad(total / 3600, 2) + ":" + CalendarDate.pad(total / 60 % 60, 2) + ":" + CalendarDate.pad(total % 60, 2)
    }
}
