import Testing

@testable import IntakeEngine

/// `PhoneNormalizer.write`, the byte reader every phone cell goes through, against a plain reference of its
/// rules on any text made of what numbers are written with, and of bytes they are not.
@Suite struct PhoneWritingTests {
    /// The rules, plainly: digits gathered, `+` first only, ` - . ( ) /` skipped, anything else (or a 33rd
    /// digit) no number; `00` first for `+`; a national number takes the country's calling code (ten digits
    /// after an optional 1 in North America, a trunk 0 dropped where the country has one); 8–15 digits, the
    /// first not 0.
    static func reference(_ text: [UInt8], country: PhoneNormalizer.Country?) -> [UInt8]? {
        var digits: [UInt8] = []
        var international = false
        for (offset, byte) in text.enumerated() {
            if byte.isASCIIDigit {
                guard digits.count < 32 else { return nil }
                digits.append(byte)
            } else if byte == UInt8(ascii: "+"), offset == 0 {
                international = true
            } else if !" -.()/".utf8.contains(byte) {
                return nil
            }
        }
        var start = 0
        if !international, digits.starts(with: "00".utf8) {
            international = true
            start = 2
        }
        var prefix: [UInt8] = []
        if !international {
            guard let country else { return [] }
            if country.isNorthAmerican {
                if digits.count - start == 11, digits[start] == UInt8(ascii: "1") { start += 1 }
                guard digits.count - start == 10 else { return nil }
            } else if country.dropsTrunkZero, digits.count > start, digits[start] == UInt8(ascii: "0") {
                start += 1
            }
            prefix = Array(country.callingCode.utf8)
        }
        let number = prefix + digits[start...]
        guard (8...15).contains(number.count), number.first != UInt8(ascii: "0") else { return nil }
        return [UInt8(ascii: "+")] + number
    }

    static func randomText(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        let common = Array("0123456789 -.()/".utf8)
        let rare = Array("+x:#,\t*e".utf8) + [0, 0x40, 0x7F, 0x80, 0xC3, 0xFF]
        var text: [UInt8] = []
        if Bool.random(using: &generator) { text.append(UInt8(ascii: "+")) }
        if Int.random(in: 0..<4, using: &generator) == 0 { text += Array("00".utf8) }
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            text.append(Int.random(in: 0..<30, using: &generator) == 0 ? rare.randomElement(using: &generator)! : common.randomElement(using: &generator)!)
        }
        return text
    }

    @Test(arguments: ["US", "GB", "DE", "ES", "XX"])
    func bytesAreReadAsOneByOne(country code: String) {
        let country = PhoneNormalizer(defaultCountry: code).country
        var generator = SystemRandomNumberGenerator()
        var numbers = 0
        for round in 0..<20_000 {
            var text = Self.randomText(using: &generator)
            // Every fourth text a plausible number: ten or eleven digits, written the common ways.
            if round % 4 == 0 {
                let digits = (0..<Int.random(in: 10...11, using: &generator)).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator) }
                text = digits.flatMap { [$0] + (Int.random(in: 0..<4, using: &generator) == 0 ? [UInt8(ascii: "-")] : []) }
            }
            let written: [UInt8]? = text.withUnsafeBufferPointer { bytes in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: PhoneNormalizer.longest) { output in
                    PhoneNormalizer.write(bytes, country: country, to: output).map { Array(output[..<$0]) }
                }
            }
            let expected = Self.reference(text, country: country)
            #expect(written == expected, "\(String(decoding: text, as: UTF8.self)) \(text)")
            if let expected, !expected.isEmpty { numbers += 1 }
        }
        // Enough of them are numbers that both sides of every rule are met.
        #expect(country == nil || numbers > 800)
    }
}
