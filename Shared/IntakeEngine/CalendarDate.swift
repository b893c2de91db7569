/// A proleptic Gregorian calendar day, validated on construction.
struct CalendarDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01 (negative before it).
    init?(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// 1899-12-30, day zero of Excel's 1900 date system, in days since 1970-01-01.
    static let excelEpochDays = -25_569

    /// ISO 8601 `YYYY-MM-DD`, written byte by byte (ten ASCII bytes: a small string, no allocation).
    var iso: String {
        String(unsafeUninitializedCapacity: 10) { writeISO(to: $0) }
    }

    /// Writes the ten bytes of `iso` at the start of `bytes` (room for ten); returns 10.
    @inline(__always)
    func writeISO(to bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let year = year, month = month, day = day
        bytes[0] = UInt8(truncatingIfNeeded: 0x30 + year / 1000)
        bytes[1] = UInt8(truncatingIfNeeded: 0x30 + year / 100 % 10)
        bytes[2] = UInt8(truncatingIfNeeded: 0x30 + year / 10 % 10)
        bytes[3] = UInt8(truncatingIfNeeded: 0x30 + year % 10)
        bytes[4] = UInt8(ascii: "-")
        bytes[5] = UInt8(truncatingIfNeeded: 0x30 + month / 10)
        bytes[6] = UInt8(truncatingIfNeeded: 0x30 + month % 10)
        bytes[7] = UInt8(ascii: "-")
        bytes[8] = UInt8(truncatingIfNeeded: 0x30 + day / 10)
        bytes[9] = UInt8(truncatingIfNeeded: 0x30 + day % 10)
        return 10
    }

    /// Two-digit years 00–68 are 20xx, 69–99 are 19xx (the POSIX pivot).
    static func expand(twoDigitYear year: Int) -> Int { year < 69 ? 2000 + year : 1900 + year }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
