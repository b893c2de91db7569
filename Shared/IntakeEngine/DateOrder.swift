/// The order of day and month in a numeric date such as `03/04/2024`.
public enum DateOrder: String, Sendable, Equatable {
    case dayFirst = "DMY"
    case monthFirst = "MDY"

    /// The order a country writes numeric dates in, for proposals when nothing in the file decides.
    public static func conventional(for country: String) -> DateOrder {
        ["US", "PH", "FM", "MH", "PW"].contains(country.uppercased()) ? .monthFirst : .dayFirst
    }

    /// The pattern name of a numeric date in this order, e.g. `DD/MM/YYYY`.
    func pattern(separator: Character, yearDigits: Int) -> String {
        if let known = Self.patterns[self]?[separator]?[yearDigits] { return known }
        return Self.makePattern(self, separator, yearDigits)
    }

    private static let patterns: [DateOrder: [Character: [Int: String]]] = {
        var table: [DateOrder: [Character: [Int: String]]] = [:]
        for order in [DateOrder.dayFirst, .monthFirst] {
            for separator: Character in ["/", ".", "-"] {
                for digits in [2, 4] { table[order, default: [:]][separator, default: [:]][digits] = makePattern(order, separator, digits) }
            }
        }
        return table
    }()

    private static func makePattern(_ order: DateOrder, _ separator: Character, _ yearDigits: Int) -> String {
        let year = yearDigits == 2 ? "YY" : "YYYY"
        let parts = order == .dayFirst ? ["DD", "MM", year] : ["MM", "DD", year]
        return parts.joined(separator: String(separator))
    }
}
