/// Reads phone numbers into E.164 (`+` and 8–15 digits), using the plan's default country for national numbers.
struct PhoneNormalizer {
    /// Calling code and whether national numbers carry a trunk `0` that E.164 drops.
    struct Country {
        let callingCode: String
        let dropsTrunkZero: Bool
        /// The calling code's ASCII digits (one to three), first digit in the low byte: written per cell with
        /// nothing to retain.
        let codeDigits: UInt32
        let codeLength: Int

        init(callingCode: String, dropsTrunkZero: Bool) {
            precondition((1...3).contains(callingCode.utf8.count) && callingCode.utf8.allSatisfy(\.isASCIIDigit), "calling code \(callingCode)")
            self.callingCode = callingCode
            self.dropsTrunkZero = dropsTrunkZero
            codeDigits = callingCode.utf8.reversed().reduce(0) { $0 << 8 | UInt32($1) }
            codeLength = callingCode.utf8.count
        }

        /// The North American plan (`+1`): ten digits after an optional leading 1.
        var isNorthAmerican: Bool { codeLength == 1 && codeDigits == UInt32(UInt8(ascii: "1")) }
    }

    static let countries: [String: Country] = [
        "US": Country(callingCode: "1", dropsTrunkZero: false),
        "CA": Country(callingCode: "1", dropsTrunkZero: false),
        "GB": Country(callingCode: "44", dropsTrunkZero: true),
        "IE": Country(callingCode: "353", dropsTrunkZero: true),
        "DE": Country(callingCode: "49", dropsTrunkZero: true),
        "AT": Country(callingCode: "43", dropsTrunkZero: true),
        "CH": Country(callingCode: "41", dropsTrunkZero: true),
        "FR": Country(callingCode: "33", dropsTrunkZero: true),
        "BE": Country(callingCode: "32", dropsTrunkZero: true),
        "NL": Country(callingCode: "31", dropsTrunkZero: true),
        "ES": Country(callingCode: "34", dropsTrunkZero: false),
        "IT": Country(callingCode: "39", dropsTrunkZero: false),
        "PT": Country(callingCode: "351", dropsTrunkZero: false),
        "SE": Country(callingCode: "46", dropsTrunkZero: true),
        "NO": Country(callingCode: "47", dropsTrunkZero: false),
        "DK": Country(callingCode: "45", dropsTrunkZero: false),
        "FI": Country(callingCode: "358", dropsTrunkZero: true),
        "PL": Country(callingCode: "48", dropsTrunkZero: false),
        "AU": Country(callingCode: "61", dropsTrunkZero: true),
        "NZ": Country(callingCode: "64", dropsTrunkZero: true),
        "IN": Country(callingCode: "91", dropsTrunkZero: true),
        "JP": Country(callingCode: "81", dropsTrunkZero: true),
        "SG": Country(callingCode: "65", dropsTrunkZero: false),
        "ZA": Country(callingCode: "27", dropsTrunkZero: true),
        "BR": Country(callingCode: "55", dropsTrunkZero: true),
        "MX": Country(callingCode: "52", dropsTrunkZero: false),
    ]

    let country: Country?
    let countryCode: String

    init(defaultCountry: String) {
        self.countryCode = defaultCountry.uppercased()
        self.country = Self.countries[countryCode]
    }

    func normalize(_ value: String) -> CellReading {
        var text = Substring(value)
        if text.utf8.contains(UInt8(ascii: ":")), text.lowercased().hasPrefix("tel:") { text = text.dropFirst(4) }
        if text.utf8.contains(UInt8(ascii: "(")) { text = Substring(String(text).replacingTrunkZero) }
        var plain = String(text)
        let canonical: String? = plain.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.longest) { output in
                Self.write(bytes, country: country, to: output).map { String(decoding: UnsafeBufferPointer(rebasing: output[..<$0]), as: UTF8.self) }
            }
        }
        guard let canonical else { return .failure(CellFailure.type("\"\(value)\" is not a phone number")) }
        guard !canonical.isEmpty else {
            return .failure(CellFailure.type("\"\(value)\" has no country code and \(countryCode) is not a known default country"))
        }
        return .checked(canonical, written: value, kind: .phoneFormat)
    }

    /// Reads a number written without `tel:` or a bracketed trunk zero from its bytes, appending its E.164
    /// form to `values`: nil when the text path must decide (nothing appended), else whether it was repaired.
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> Bool? {
        // `tel:` needs no check here: `write` reads no `:`, so such a number goes to the text path anyway.
        let international = bytes.first == UInt8(ascii: "+") || (bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") && bytes[1] == UInt8(ascii: "0"))
        if international, bytes.contains(UInt8(ascii: "(")) { return nil }
        var healed = false
        let read = values.append(capacity: Self.longest) { output in
            guard let count = Self.write(bytes, country: country, to: output), count > 0 else { return nil }
            healed = !ByteLanes.equal(UnsafeBufferPointer(rebasing: output[..<count]), bytes)
            return count
        }
        return read ? healed : nil
    }

    /// Room for the longest E.164 number written (`+` and 15 digits).
    static let longest = 16

    /// Writes the E.164 form of `text` into `output` (room for `longest` bytes): its length; 0 for a national
    /// number with no known default country; nil when `text` is no phone number. The digits are gathered on
    /// the stack (a phone number has at most 15; more than 32 written digits is no phone number).
    static func write(_ text: UnsafeBufferPointer<UInt8>, country: Country?, to output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var count = 0
            var international = false
            for (offset, byte) in text.enumerated() {
                if byte.isASCIIDigit {
                    guard count < 32 else { return nil }
                    buffer[count] = byte
                    count += 1
                } else if byte == UInt8(ascii: "+"), offset == 0 {
                    international = true
                } else if !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "(")
                            || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "/")) {
                    return nil
                }
            }
            var start = 0
            if !international, count >= 2, buffer[0] == UInt8(ascii: "0"), buffer[1] == UInt8(ascii: "0") {
                international = true
                start = 2
            }
            // The calling code's digits to write first (none for an international number), low byte first.
            var prefix: UInt32 = 0
            var prefixLength = 0
            if !international {
                guard let country else { return 0 }
                if country.isNorthAmerican {
                    if count - start == 11, buffer[start] == UInt8(ascii: "1") { start += 1 }
                    guard count - start == 10 else { return nil }
                } else if country.dropsTrunkZero, count > start, buffer[start] == UInt8(ascii: "0") {
                    start += 1
                }
                (prefix, prefixLength) = (country.codeDigits, country.codeLength)
            }
            let length = prefixLength + count - start
            let leading = prefixLength > 0 ? UInt8(truncatingIfNeeded: prefix) : (count > start ? buffer[start] : 0)
            guard (8...15).contains(length), leading != UInt8(ascii: "0") else { return nil }
            output[0] = UInt8(ascii: "+")
            var index = 1
            while index <= prefixLength {
                output[index] = UInt8(truncatingIfNeeded: prefix)
                prefix >>= 8
                index += 1
            }
            for position in start..<count {
                output[index] = buffer[position]
                index += 1
            }
            return index
        }
    }
}

private extension String {
    /// `+44 (0)20 7946 0958`: the national trunk 0 written in brackets after a country code is not dialled.
    var replacingTrunkZero: String {
        guard hasPrefix("+") || hasPrefix("00") else { return self }
        let characters = Array(self)
        guard let start = characters.indices.first(where: { characters[$0...].starts(with: ["(", "0", ")"]) }) else { return self }
        return String(characters[..<start] + characters[(start + 3)...])
    }
}
