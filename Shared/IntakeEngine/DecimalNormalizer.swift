/// Reads decimal numbers written with an optional sign, a leading currency symbol and comma thousands groups.
///
/// Canonical form: optional `-`, digits without grouping, `.` and the fraction digits as written.
struct DecimalNormalizer {
    struct Number: Equatable {
        var sign: String
        var integer: String
        var fraction: String

        var canonical: String { fraction.isEmpty ? sign + integer : sign + integer + "." + fraction }
    }

    private static let currencySymbols: Set<Character> = ["$", "€", "£", "¥"]

    func normalize(_ value: String) -> Result<String, CellFailure> {
        parse(value).map(\.canonical)
    }

    func parse(_ value: String) -> Result<Number, CellFailure> {
        var text = Substring(value)
        var sign = ""
        if let first = text.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            text = text.dropFirst()
        }
        if let first = text.first, Self.currencySymbols.contains(first) {
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, !integerPart.isEmpty || parts.count == 2 else {
            return .failure(.type("\"\(value)\" is not a number"))
        }
        guard let integer = Self.ungrouped(integerPart) else {
            return .failure(.type("\"\(value)\" is not a number"))
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty || !integer.isEmpty else {
            return .failure(.type("\"\(value)\" is not a number"))
        }
        let canonicalInteger = Self.strippingLeadingZeros(integer.isEmpty ? "0" : integer)
        let isZero = canonicalInteger == "0" && fraction.allSatisfy { $0 == "0" }
        return .success(Number(sign: isZero ? "" : sign, integer: canonicalInteger, fraction: fraction))
    }

    /// Digits, or digits grouped as `1,234,567`; nil for anything else.
    private static func ungrouped(_ text: Substring) -> String? {
        guard text.contains(",") else {
            return text.allSatisfy(\.isASCIIDigit) ? String(text) : nil
        }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return groups.joined()
    }

    private static func strippingLeadingZeros(_ digits: String) -> String {
        let stripped = digits.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
