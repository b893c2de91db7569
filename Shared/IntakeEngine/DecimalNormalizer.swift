/// Reads numbers as people write them: a sign, a leading or trailing currency symbol or code, grouping by
/// commas, points, spaces or apostrophes, a decimal point or comma, parentheses for negatives and a
/// trailing percent sign (read as a fraction: `12.5%` is `0.125`).
///
/// `1,234` and `1.234` are ambiguous on their own; they are read with the column's decimal separator
/// (decided by the rest of the column, or by the plan's country when nothing in the column decides).
/// Canonical form: optional `-`, digits without grouping, `.` and the fraction digits as written.
struct DecimalNormalizer {
    struct Number: Equatable {
        var sign: String
        var integer: String
        var fraction: String

        var canonical: String { fraction.isEmpty ? sign + integer : sign + integer + "." + fraction }
    }

    /// The decimal separator for values that do not show it themselves; nil fails them as ambiguous.
    var decimalSeparator: Character? { separator.map { Character(Unicode.Scalar($0)) } }
    /// `decimalSeparator` as its ASCII byte: the normaliser holds nothing reference-counted, so the per-cell path
    /// copies it for free, and compares bytes, not `Character`s.
    let separator: UInt8?

    init(decimalSeparator: Character? = ".") {
        separator = decimalSeparator?.asciiValue
    }

    private static let currencySymbols: Set<Character> = ["$", "€", "£", "¥", "₹", "₽", "₩", "₺", "₪", "฿", "¢"]
    private static let currencyCodes: Set<String> = [
        "usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "nzd", "sek", "nok", "dkk", "pln", "czk", "inr", "brl",
        "mxn", "zar", "sgd", "hkd", "cny", "rmb", "kr", "zł", "us$", "r$", "a$", "c$", "ca$", "au$", "nz$", "hk$", "s$", "fr",
    ]
    private static let groupingSpaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "’"]

    func normalize(_ value: String) -> CellReading {
        switch parse(value) {
        case .success(let number): CellReading.checked(number.canonical, written: value, kind: .numberFormat)
        case .failure(let failure): .failure(failure)
        }
    }

    func parse(_ value: String) -> Result<Number, CellFailure> {
        var text = value
        let fast: Result<Number, CellFailure>?? = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { digits in
                parseASCII(bytes, digits: digits).map { parsed in
                    parsed.map { layout in
                        var integer = String(decoding: UnsafeBufferPointer(rebasing: digits[..<layout.integer]), as: UTF8.self)
                        var fraction = String(decoding: UnsafeBufferPointer(rebasing: digits[layout.integer..<(layout.integer + layout.fraction)]), as: UTF8.self)
                        if layout.percent { (integer, fraction) = Self.dividedByHundred(integer, fraction) }
                        let isZero = integer == "0" && fraction.utf8.allSatisfy { $0 == UInt8(ascii: "0") }
                        return Number(sign: layout.negative && !isZero ? "-" : "", integer: integer, fraction: fraction)
                    }.mapError { $0.failure(value) }
                }
            }
        }
        if let fast, let result = fast { return result }
        return parseGeneral(value)
    }

    /// Reads a number written in plain ASCII (no percent sign) from its bytes, appending its canonical form to
    /// `values`: nil when the text path must decide (nothing appended), else whether it was repaired. A
    /// `wholeNumber` (an integer column's) must have only zeros after its point, which it drops.
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, wholeNumber: Bool = false) -> Bool? {
        var unused = NumberEvidence()
        return read(bytes: bytes, into: &values, wholeNumber: wholeNumber, observing: &unused)
    }

    /// `read(bytes:into:wholeNumber:)`, also adding to `evidence` what the number shows when it is read — what
    /// `NumberEvidence.observe(bytes:)` would add for these bytes (they hold only digits, separators, spaces,
    /// `'`, `$`, a sign and brackets, so only the separator shown counts); nothing when it returns nil.
    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer, wholeNumber: Bool = false, observing evidence: inout NumberEvidence) -> Bool? {
        var healed = false
        var shown: UInt8?
        let read = values.append(capacity: bytes.count + 2) { output in
            if let plain = readPlain(bytes, wholeNumber: wholeNumber, into: output) {
                shown = plain.shown
                healed = !ByteLanes.equal(UnsafeBufferPointer(rebasing: output[..<plain.count]), bytes)
                return plain.count
            }
            // Digits from the second byte on, so a sign can go in front without moving them.
            guard case .success(let layout)? = parseASCII(bytes, digits: UnsafeMutableBufferPointer(rebasing: output[1...])), !layout.percent else {
                return nil
            }
            shown = layout.shown
            let digits = layout.integer + layout.fraction
            if wholeNumber, !output[(1 + layout.integer)..<(1 + digits)].allSatisfy({ $0 == UInt8(ascii: "0") }) { return nil }
            let fraction = wholeNumber ? 0 : layout.fraction
            let isZero = output[1..<(1 + digits)].allSatisfy { $0 == UInt8(ascii: "0") }
            var count: Int
            if layout.negative && !isZero {
                output[0] = UInt8(ascii: "-")
                count = 1 + layout.integer
            } else {
                for index in 0..<layout.integer { output[index] = output[index + 1] }
                count = layout.integer
            }
            if fraction > 0 {
                // The fraction follows the integer digits, one place on for the point.
                let from = 1 + layout.integer
                for index in stride(from: fraction - 1, through: 0, by: -1) { output[count + 1 + index] = output[from + index] }
                output[count] = UInt8(ascii: ".")
                count += 1 + fraction
            }
            healed = !ByteLanes.equal(UnsafeBufferPointer(rebasing: output[..<count]), bytes)
            return count
        }
        guard read else { return nil }
        evidence.count(shown: shown)
        return healed
    }

    private static let space = UInt8(ascii: " ")
    private static let dollar = UInt8(ascii: "$")

    /// Where a number read from ASCII bytes put its digits: `integer` digits (no leading zeros; "0" when
    /// none were written), then `fraction` digits as written.
    struct Layout {
        var negative: Bool
        var percent: Bool
        var integer: Int
        var fraction: Int
        /// The decimal separator the written number shows (`separatorShown`), if any.
        var shown: UInt8?
    }

    /// Why bytes are no number; the message, naming the value, is built only when asked for.
    enum Failure: Error {
        case notANumber
        case ambiguous

        func failure(_ value: String) -> CellFailure {
            switch self {
            case .notANumber: .type("\"\(value)\" is not a number")
            case .ambiguous: CellFailure(.typeError, "\"\(value)\" is ambiguous: the separator could group thousands or mark decimals", ambiguity: .decimalSeparator)
            }
        }
    }

    /// The common case byte by byte: ASCII digits and `, . ' space` grouping, a sign, `$`, parentheses and
    /// `%`, its digits written to `digits` (room for `bytes.count + 1`). Nil hands anything else (other
    /// currencies, codes, non-ASCII spaces) to the general reader.
    private func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>, digits: UnsafeMutableBufferPointer<UInt8>) -> Result<Layout, Failure>? {
        var low = 0
        var high = bytes.count
        func strip() {
            while low < high, bytes[low] == Self.space || bytes[low] == Self.dollar { low += 1 }
            while high > low, bytes[high - 1] == Self.space || bytes[high - 1] == Self.dollar { high -= 1 }
        }
        strip()
        var negative = false
        if high - low >= 2, bytes[low] == UInt8(ascii: "("), bytes[high - 1] == UInt8(ascii: ")") {
            negative = true
            low += 1
            high -= 1
            strip()
        }
        var percent = false
        if high > low, bytes[high - 1] == UInt8(ascii: "%") {
            percent = true
            high -= 1
            strip()
        }
        var signed = false
        if high > low, bytes[low] == UInt8(ascii: "-") || bytes[low] == UInt8(ascii: "+") {
            negative = negative || bytes[low] == UInt8(ascii: "-")
            signed = true
            low += 1
        } else if high > low, bytes[high - 1] == UInt8(ascii: "-") {
            negative = true
            signed = true
            high -= 1
        }
        strip()
        if !signed, high > low, bytes[low] == UInt8(ascii: "-") || bytes[low] == UInt8(ascii: "+") {
            negative = negative || bytes[low] == UInt8(ascii: "-")
            low += 1
        }
        guard high > low else { return .failure(.notANumber) }
        // Every byte checked, and the separator the number shows read on the way (`separatorShown(bytes:)`).
        var scan = SeparatorScan()
        for index in low..<high {
            let byte = bytes[index]
            guard byte.isASCIIDigit || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") || byte == Self.space || byte == UInt8(ascii: "'") else {
                return nil
            }
            scan.add(byte)
        }
        let body = UnsafeBufferPointer(rebasing: bytes[low..<high])
        guard let first = body.first, first.isASCIIDigit || first == UInt8(ascii: ".") || first == UInt8(ascii: ","),
              body.last!.isASCIIDigit
        else { return .failure(.notANumber) }
        let decimal: UInt8?
        let shown = scan.shown
        if let shown {
            decimal = shown
        } else if body.contains(UInt8(ascii: ",")) || body.contains(UInt8(ascii: ".")) {
            guard let separator else { return .failure(.ambiguous) }
            decimal = separator
        } else {
            decimal = nil
        }
        var integerEnd = body.count
        var fractionRange = 0..<0
        if let decimal, let index = body.lastIndex(of: decimal) {
            integerEnd = index
            fractionRange = (index + 1)..<body.count
            guard body[fractionRange].allSatisfy({ $0.isASCIIDigit }), index > 0 || !fractionRange.isEmpty else { return .failure(.notANumber) }
        }
        // Integer digits, grouped in threes by one kind of separator or not at all.
        var count = 0
        var groupSeparator: UInt8?
        var groupLength = 0
        var firstGroup = true
        for index in 0..<integerEnd {
            let byte = body[index]
            if byte.isASCIIDigit {
                // Leading zeros are dropped (all but the last digit's).
                if count == 1, digits[0] == UInt8(ascii: "0") { count = 0 }
                digits[count] = byte
                count += 1
                groupLength += 1
            } else {
                guard groupSeparator == nil || groupSeparator == byte, firstGroup ? (1...3).contains(groupLength) : groupLength == 3 else {
                    return .failure(.notANumber)
                }
                groupSeparator = byte
                firstGroup = false
                groupLength = 0
            }
        }
        if groupSeparator != nil, groupLength != 3 { return .failure(.notANumber) }
        if count == 0 {
            digits[0] = UInt8(ascii: "0")
            count = 1
        }
        for index in fractionRange { digits[count + index - fractionRange.lowerBound] = body[index] }
        return .success(Layout(negative: negative, percent: percent, integer: count, fraction: fractionRange.count, shown: shown))
    }

    private func parseGeneral(_ value: String) -> Result<Number, CellFailure> {
        let notANumber = CellFailure.type("\"\(value)\" is not a number")
        var text = Substring(value)
        var negative = false
        strip(&text)
        if text.first == "(", text.last == ")" {
            negative = true
            text = text.dropFirst().dropLast()
        }
        var percent = false
        strip(&text)
        if text.last == "%" {
            percent = true
            text = text.dropLast()
            strip(&text)
        }
        var signed = false
        if let first = text.first, first == "-" || first == "+" || first == "−" {
            negative = negative || first != "+"
            signed = true
            text = text.dropFirst()
        } else if let last = text.last, last == "-" || last == "−" {
            negative = true
            signed = true
            text = text.dropLast()
        }
        strip(&text)
        if !signed, let first = text.first, first == "-" || first == "+" || first == "−" {
            negative = negative || first != "+"
            text = text.dropFirst()
        }
        guard let first = text.first, first.isASCIIDigit || first == "." || first == ",",
              let last = text.last, last.isASCIIDigit
        else { return .failure(notANumber) }
        let split: (integer: String, fraction: String)
        switch Self.splitDecimal(text, columnSeparator: decimalSeparator) {
        case .some(.some(let found)): split = found
        case .some(.none):
            return .failure(CellFailure(.typeError, "\"\(value)\" is ambiguous: the separator could group thousands or mark decimals", ambiguity: .decimalSeparator))
        case .none: return .failure(notANumber)
        }
        var integer = Self.strippingLeadingZeros(split.integer.isEmpty ? "0" : split.integer)
        var fraction = split.fraction
        if percent { (integer, fraction) = Self.dividedByHundred(integer, fraction) }
        let isZero = integer == "0" && fraction.allSatisfy { $0 == "0" }
        return .success(Number(sign: negative && !isZero ? "-" : "", integer: integer, fraction: fraction))
    }

    /// Which decimal separator a written value shows by itself: nil when it shows none.
    static func evidence(_ value: String) -> Character? {
        separatorShown(bytes: value.utf8).map { Character(Unicode.Scalar($0)) }
    }

    /// The same over the digits and separators among `bytes` (anything else is skipped), as the separator's
    /// ASCII byte (`,` or `.`), for the per-cell paths.
    static func separatorShown(bytes: some Sequence<UInt8>) -> UInt8? {
        var scan = SeparatorScan()
        for byte in bytes { scan.add(byte) }
        return scan.shown
    }

    /// `separatorShown` a byte at a time, so a reader that passes over a number's bytes anyway learns it on
    /// the way (digits and separators count; anything else is skipped).
    struct SeparatorScan {
        private var commas = 0
        private var points = 0
        private var lastComma = -1
        private var lastPoint = -1
        private var position = 0
        private var separatorSeen = false
        private var digitsBefore = 0
        private var zerosOnlyBefore = true
        private var digitsAfterLast = 0

        @inline(__always)
        mutating func add(_ byte: UInt8) {
            if byte.isASCIIDigit {
                if !separatorSeen {
                    digitsBefore += 1
                    if byte != UInt8(ascii: "0") { zerosOnlyBefore = false }
                }
                digitsAfterLast += 1
            } else if byte == UInt8(ascii: ",") {
                commas += 1
                lastComma = position
                separatorSeen = true
                digitsAfterLast = 0
            } else if byte == UInt8(ascii: ".") {
                points += 1
                lastPoint = position
                separatorSeen = true
                digitsAfterLast = 0
            } else {
                return
            }
            position += 1
        }

        var shown: UInt8? {
            let comma = UInt8(ascii: ","), point = UInt8(ascii: ".")
            if commas > 0, points > 0 { return lastComma > lastPoint ? comma : point }
            if commas > 1 { return point }
            if points > 1 { return comma }
            guard commas + points == 1 else { return nil }
            if digitsAfterLast != 3 || digitsBefore == 0 || zerosOnlyBefore { return commas == 1 ? comma : point }
            return nil
        }
    }

    // MARK: - Parsing parts

    /// Drops currency symbols and codes at either end, and spaces around them.
    private func strip(_ text: inout Substring) {
        while true {
            let before = text.count
            while let first = text.first, first == " " || first == "\u{00A0}" || Self.currencySymbols.contains(first) { text = text.dropFirst() }
            while let last = text.last, last == " " || last == "\u{00A0}" || Self.currencySymbols.contains(last) { text = text.dropLast() }
            let leading = text.prefix { $0.isLetter || $0 == "$" }
            if !leading.isEmpty, Self.currencyCodes.contains(leading.lowercased()) { text = text.dropFirst(leading.count) }
            let trailing = text.reversed().prefix { $0.isLetter || $0 == "$" || $0 == "." }
            if !trailing.isEmpty, Self.currencyCodes.contains(String(trailing.reversed()).lowercased()) { text = text.dropLast(trailing.count) }
            if text.count == before { return }
        }
    }

    /// Integer digits and fraction digits, with grouping removed and checked. `.some(nil)`: the value is
    /// ambiguous and the column decides nothing; nil: not a number.
    private static func splitDecimal(_ text: Substring, columnSeparator: Character?) -> (integer: String, fraction: String)?? {
        var body = ""
        for character in text {
            if character.isASCIIDigit || character == "," || character == "." {
                body.append(character)
            } else if groupingSpaces.contains(character) {
                body.append(" ")
            } else {
                return nil
            }
        }
        let decimal: Character?
        if let shown = evidence(body) {
            decimal = shown
        } else if body.contains(",") || body.contains(".") {
            guard let columnSeparator else { return .some(nil) }
            decimal = columnSeparator
        } else {
            decimal = nil
        }
        var integerPart = Substring(body)
        var fraction = ""
        if let decimal, let index = body.lastIndex(of: decimal) {
            integerPart = body[..<index]
            fraction = String(body[body.index(after: index)...])
            guard fraction.allSatisfy({ $0.isASCIIDigit }), !(integerPart.isEmpty && fraction.isEmpty) else { return nil }
        }
        guard let integer = ungrouped(integerPart) else { return nil }
        return .some((integer, fraction))
    }

    /// Digits, or digits grouped in threes by one kind of separator; nil for anything else.
    private static func ungrouped(_ text: Substring) -> String? {
        guard let separator = text.first(where: { !$0.isASCIIDigit }) else { return String(text) }
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy({ $0.isASCIIDigit }) })
        else { return nil }
        return groups.joined()
    }

    private static func strippingLeadingZeros(_ digits: String) -> String {
        let stripped = digits.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    /// Moves the decimal point two places left: `12`,`5` → `0`,`125`.
    private static func dividedByHundred(_ integer: String, _ fraction: String) -> (String, String) {
        let padded = String(repeating: "0", count: max(0, 3 - integer.count)) + integer
        let cut = padded.index(padded.endIndex, offsetBy: -2)
        return (strippingLeadingZeros(String(padded[..<cut])), String(padded[cut...]) + fraction)
    }
}

/// What the cells of one source column showed about their decimal separator.
public struct NumberEvidence: Sendable, Equatable {
    public var decimalPoint = 0
    public var decimalComma = 0

    public init() {}

    mutating func observe(_ value: String) {
        observe(bytes: value.utf8)
    }

    /// Observes a value given as UTF-8 bytes.
    mutating func observe(bytes: some Collection<UInt8>) {
        var separators = false
        var letters = 0
        for byte in bytes {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
                separators = true
            } else if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") {
                return
            } else if byte | 0x20 >= UInt8(ascii: "a"), byte | 0x20 <= UInt8(ascii: "z") {
                letters += 1
                if letters > 3 { return }
            }
        }
        guard separators else { return }
        count(shown: DecimalNormalizer.separatorShown(bytes: bytes))
    }

    /// Counts the decimal separator a value shows (`DecimalNormalizer.separatorShown`), if any.
    @inline(__always)
    mutating func count(shown: UInt8?) {
        switch shown {
        case UInt8(ascii: ".")?: decimalPoint += 1
        case UInt8(ascii: ",")?: decimalComma += 1
        default: break
        }
    }

    /// The separator the column proves; without evidence the country's convention; nil when it shows both.
    func decimalSeparator(country: String) -> Character? {
        switch (decimalPoint > 0, decimalComma > 0) {
        case (true, false): "."
        case (false, true): ","
        case (true, true): nil
        case (false, false): Self.commaCountries.contains(country.uppercased()) ? "," : "."
        }
    }

    static let commaCountries: Set<String> = [
        "DE", "AT", "FR", "BE", "NL", "ES", "IT", "PT", "SE", "NO", "DK", "FI", "PL", "BR", "CZ", "SK", "HU",
        "RO", "RU", "TR", "GR", "ID", "AR", "CL", "CO", "ZA", "UA", "HR", "SI", "BG", "LT", "LV", "EE",
    ]
}
