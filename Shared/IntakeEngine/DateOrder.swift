/// The order of day and month in a numeric date such as `03/04/2024`.
public enum DateOrder: String, Sendable, Equatable {
    case dayFirst = "DMY"
    case monthFirst = "MDY"

    /// The order a country writes numeric dates in, for proposals when nothing in the file decides.
    public static func conventional(for country: String) -> DateOrder {
        ["US", "PH", "FM", "MH", "PW"].contains(country.uppercased()) ? .monthFirst : .dayFirst
    }

    /// The pattern name of a numeric date in this order, e.g. `DD/MM/YYYY` (read from a table for the usual
    /// separators and year widths: this runs for every cell of a date column).
    func pattern(separator: Character, yearDigits: Int) -> String {
        guard let slot = Self.slot(self, separator, yearDigits) else { return Self.makePattern(self, separator, yearDigits) }
        return Self.patterns[slot]
    }

    /// The name of the pattern in `slot` (`0..<patternSlots`, see `slot(_:separator:yearDigits:)`).
    static func pattern(slot: Int) -> String { patterns[slot] }

    /// How many patterns have a slot: two orders, three separators, two year widths.
    static let patternSlots = 12

    private static let separators: [Character] = ["/", ".", "-"]

    private static func slot(_ order: DateOrder, _ separator: Character, _ yearDigits: Int) -> Int? {
        separator.asciiValue.flatMap { slot(order, separator: $0, yearDigits: yearDigits) }
    }

    /// The slot of a numeric pattern written with a usual separator (`/`, `.`, `-`, as a byte, in the order of
    /// `separators`) and year width (2, 4).
    @inline(__always)
    static func slot(_ order: DateOrder, separator: UInt8, yearDigits: Int) -> Int? {
        let index: Int
        switch separator {
        case UInt8(ascii: "/"): index = 0
        case UInt8(ascii: "."): index = 1
        case UInt8(ascii: "-"): index = 2
        default: return nil
        }
        guard yearDigits == 2 || yearDigits == 4 else { return nil }
        return (order == .dayFirst ? 0 : 6) + index * 2 + (yearDigits == 4 ? 1 : 0)
    }

    private static let patterns: [String] = [DateOrder.dayFirst, .monthFirst].flatMap { order in
        separators.flatMap { separator in [2, 4].map { makePattern(order, separator, $0) } }
    }

    private static func makePattern(_ order: DateOrder, _ separator: Character, _ yearDigits: Int) -> String {
        let year = yearDigits == 2 ? "YY" : "YYYY"
        let parts = order == .dayFirst ? ["DD", "MM", year] : ["MM", "DD", year]
        return parts.joined(separator: String(separator))
    }
}
