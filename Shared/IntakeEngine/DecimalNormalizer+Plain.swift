extension DecimalNormalizer {
    /// What `readPlain` wrote: the canonical number's length, and the decimal separator the number shows
    /// (`separatorShown`), if any.
    struct PlainReading {
        var count: Int
        var shown: UInt8?
    }

    /// Reads, in one pass, the plain numbers most cells hold — an optional `-` and `$` (either order), then
    /// a first digit of 1–9 followed by digits, commas and points, ending with a digit — writing the canonical
    /// form to `output` (room for `bytes.count + 2`). Nil for anything else, and for any number it would not
    /// read as it is, so the general byte reader (`parseASCII`) decides: a test holds the two to the same
    /// result on random numbers.
    ///
    /// One loop writes the digits and notes the separators: how many of each, the digits before the first
    /// and after the last, whether every run of digits between two separators is three long, whether the ones
    /// before the last are all of one kind. The decimal separator, when the number has one, is its last
    /// separator, so the fraction is moved one place on for the point once the loop is done.
    @inline(__always)
    func readPlain(_ bytes: UnsafeBufferPointer<UInt8>, wholeNumber: Bool, into output: UnsafeMutableBufferPointer<UInt8>) -> PlainReading? {
        let count = bytes.count
        var index = 0
        var negative = false
        // At most a sign and a dollar, in either order.
        for _ in 0..<2 where index < count {
            if bytes[index] == UInt8(ascii: "-"), !negative {
                negative = true
            } else if bytes[index] != UInt8(ascii: "$") {
                break
            }
            index += 1
        }
        guard index < count, bytes[index] &- UInt8(ascii: "1") < 9, bytes[count - 1].isASCIIDigit else { return nil }
        let start = negative ? 1 : 0
        if negative { output[0] = UInt8(ascii: "-") }
        var digits = 0
        var separators = 0
        var commas = 0
        var firstGroup = 0
        var lastSeparator = 0
        var lastKind: UInt8 = 0
        var priorKind: UInt8 = 0
        var groupsOfThree = true
        var priorMixed = false
        while index < count {
            let byte = bytes[index]
            index += 1
            if byte.isASCIIDigit {
                output[start + digits] = byte
                digits += 1
                continue
            }
            guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") else { return nil }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if separators == 0 {
                firstGroup = digits
            } else {
                groupsOfThree = groupsOfThree && digits - lastSeparator == 3
                if priorKind == 0 { priorKind = lastKind } else if priorKind != lastKind { priorMixed = true }
            }
            separators += 1
            lastSeparator = digits
            lastKind = byte
        }
        let trailing = digits - lastSeparator
        // The separator shown, as `SeparatorScan.shown` decides it (the first digit is never a zero).
        let shown: UInt8?
        switch (commas, separators - commas) {
        case (0, 0): shown = nil
        case (1..., 1...): shown = lastKind
        case (2..., _): shown = UInt8(ascii: ".")
        case (_, 2...): shown = UInt8(ascii: ",")
        default: shown = trailing != 3 || firstGroup == 0 ? lastKind : nil
        }
        guard separators > 0 else { return PlainReading(count: start + digits, shown: nil) }
        // Ambiguous without the column's separator: the general reader reports it.
        guard let decimal = shown ?? separator else { return nil }
        let groupSeparators = decimal == lastKind ? separators - 1 : separators
        if groupSeparators > 0 {
            // Grouped by one kind of separator, in threes after a first group of one to three digits.
            guard (1...3).contains(firstGroup), groupsOfThree, !priorMixed else { return nil }
            // When the last is the decimal separator, the ones before it are of the other kind: shown by two
            // kinds, it is the later one's; two or more of one kind show the other.
            if decimal != lastKind {
                guard trailing == 3, separators == 1 || priorKind == lastKind else { return nil }
            }
        }
        guard decimal == lastKind else { return PlainReading(count: start + digits, shown: shown) }
        let point = start + lastSeparator
        if wholeNumber {
            for offset in 0..<trailing where output[point + offset] != UInt8(ascii: "0") { return nil }
            return PlainReading(count: point, shown: shown)
        }
        // The fraction one place on, for the point.
        for offset in stride(from: trailing - 1, through: 0, by: -1) { output[point + 1 + offset] = output[point + offset] }
        output[point] = UInt8(ascii: ".")
        return PlainReading(count: start + digits + 1, shown: shown)
    }
}
