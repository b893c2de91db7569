import CByteMasks
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct DecimalAndIntegerTests {
    @Test(arguments: [
        ("12", "12"), ("-12.50", "-12.50"), ("+3", "3"), ("1,234,567.8", "1234567.8"), ("$1,200", "1200"),
        ("€5.5", "5.5"), (".5", "0.5"), ("007", "7"), ("-0", "0"), ("0.000", "0.000"),
    ])
    func decimalsNormalise(input: String, expected: String) {
        #expect(DecimalNormalizer().normalize(input).result == .success(expected))
    }

    @Test(arguments: ["", "-", ".", "12a", "1.2.3", "--1", "abc", "1,2,3", "1 00", "(-)"])
    func nonDecimalsFail(input: String) {
        #expect(throws: CellFailure.self) { try DecimalNormalizer().normalize(input).result.get() }
    }

    @Test(arguments: [("42", "42"), ("-7", "-7"), ("1,000", "1000"), ("12.00", "12")])
    func integersNormalise(input: String, expected: String) {
        #expect(IntegerNormalizer().normalize(input).result == .success(expected))
    }

    @Test(arguments: ["12.5", "x", "1e5", ""])
    func nonIntegersFail(input: String) {
        guard case .failure(let failure) = IntegerNormalizer().normalize(input).result else {
            Issue.record("\(input) was accepted")
            return
        }
        #expect(failure.code == .typeError)
    }

    @Test func everyIntegerRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let value = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)
            #expect(IntegerNormalizer().normalize(String(value)).result == .success(String(value)))
            let grouped = Self.grouped(value)
            #expect(IntegerNormalizer().normalize(grouped).result == .success(String(value)), "grouped \(grouped)")
        }
    }
}

extension DecimalAndIntegerTests {
    /// `value` with comma thousands separators, written independently of the normaliser.
    static func grouped(_ value: Int64) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}

@Suite struct BooleanEmailPhoneURLTests {
    /// The byte reader's masks of an address's local-part characters say exactly what the character rule says.
    @Test func localPartMasksMatchTheCharacterRule() {
        for byte in UInt8.min...UInt8.max {
            let expected = byte < 128 && EmailNormalizer.isLocalCharacter(Character(UnicodeScalar(byte)))
            #expect(EmailNormalizer.isLocalByte(byte) == expected, "byte \(byte)")
        }
    }

    /// The domain masks say exactly what the domain character rule says.
    @Test func domainMasksMatchTheCharacterRule() {
        for byte in UInt8.min...UInt8.max {
            let expected = byte < 128 && EmailNormalizer.isDomainCharacter(Character(UnicodeScalar(byte)))
            #expect(EmailNormalizer.isDomainByte(byte) == expected, "byte \(byte)")
        }
    }

    /// The C classes behind the mask check say of every byte value what the Swift rules say: a local-part
    /// byte (`isLocalByte`), a domain byte (`isDomainByte`), a capital, one to hand over (non-ASCII, `<`, `:`),
    /// `@`, dot and hyphen; at the first and last of 8, 16 and 40 bytes, so every load of the helper is met.
    @Test func maskClassesMatchTheByteRules() {
        for value in UInt8.min...UInt8.max {
            for count in [8, 16, 40] {
                for position in [0, count - 1] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
                    bytes[position] = value
                    let masks = bytes.withUnsafeBufferPointer { intake_email_block_masks($0.baseAddress!, Int32(count)) }
                    func has(_ mask: UInt64) -> Bool { mask >> UInt64(position) & 1 != 0 }
                    let context = "byte \(value) at \(position) of \(count)"
                    #expect(has(masks.local) == EmailNormalizer.isLocalByte(value), "\(context)")
                    #expect(has(masks.domain) == EmailNormalizer.isDomainByte(value), "\(context)")
                    #expect(has(masks.upper) == (value >= UInt8(ascii: "A") && value <= UInt8(ascii: "Z")), "\(context)")
                    #expect(has(masks.hand_over) == (value >= 0x80 || value == UInt8(ascii: "<") || value == UInt8(ascii: ":")), "\(context)")
                    #expect(has(masks.at) == (value == UInt8(ascii: "@")), "\(context)")
                    #expect(has(masks.dots) == (value == UInt8(ascii: ".")), "\(context)")
                    #expect(has(masks.hyphens) == (value == UInt8(ascii: "-")), "\(context)")
                }
            }
        }
    }

    /// The byte check gives the general reader's verdict on every address it does not hand over: random
    /// addresses built from pieces that break each rule (dots, hyphens, lengths around 64, a second `@`,
    /// spaces, non-ASCII, display-name and `mailto:` characters).
    @Test func theByteCheckGivesTheGeneralReadersVerdict() {
        var generator = SystemRandomNumberGenerator()
        var (valid, invalid, handedOver) = (0, 0, 0)
        for _ in 0..<30_000 {
            let value = Self.randomAddress(using: &generator)
            var bytes = Array(value.utf8)
            guard let shape = bytes.withUnsafeMutableBufferPointer({ EmailNormalizer.checkASCII(UnsafeBufferPointer($0)) }) else {
                handedOver += 1
                continue
            }
            let general = EmailNormalizer().normalizeGeneral(value).canonical
            switch shape {
            case .invalid:
                invalid += 1
                #expect(general == nil, "\(value)")
            case .valid:
                valid += 1
                #expect(general == value.lowercased(), "\(value)")
            }
        }
        #expect(valid > 500 && invalid > 500 && handedOver > 500, "\(valid) valid, \(invalid) invalid, \(handedOver) handed over")
    }

    /// An address of 8 to 64 bytes, judged from its bytes' classes 16 at a time, gets the byte loop's verdict
    /// exactly (valid or not, upper case or not, handed over or not) on random addresses.
    @Test func theMaskCheckGivesTheByteLoopsVerdict() {
        var generator = SystemRandomNumberGenerator()
        var verdicts: [EmailNormalizer.ASCIIShape?: Int] = [:]
        for _ in 0..<60_000 {
            let value = Self.randomAddress(using: &generator)
            guard (8...64).contains(value.utf8.count) else { continue }
            let masked = Self.check(value)
            #expect(masked == Self.check(value, byteByByte: true), "\(value)")
            verdicts[masked, default: 0] += 1
        }
        #expect(verdicts.count == 4 && verdicts.values.allSatisfy { $0 > 300 }, "\(verdicts)")
    }

    /// At every length from 8 to 64 bytes (where the masks' loads overlap differently), a flaw or an upper-case
    /// letter in the first or the last byte is seen.
    @Test func theMaskCheckSeesTheFirstAndLastByteAtEveryLength() {
        for length in 8...64 {
            let local = String(repeating: "a", count: length - 5)
            let cases: [(String, EmailNormalizer.ASCIIShape?)] = [
                (local + "@x.io", .valid(hasUpperCase: false)),
                (local + "@x.iO", .valid(hasUpperCase: true)),
                ("B" + local.dropFirst() + "@x.io", .valid(hasUpperCase: true)),
                (local + "@x.i-", .invalid),
                (local + "@x.i_", .invalid),
                ("." + local.dropFirst() + "@x.io", .invalid),
                (local + "@x..o", .invalid),
                (local.dropLast() + "@@x.io", .invalid),
                (local + "@x.i<", nil),
                (":" + local.dropFirst() + "@x.io", nil),
            ]
            for (value, expected) in cases {
                #expect(value.utf8.count == length)
                #expect(Self.check(value) == expected, "\(value)")
                #expect(Self.check(value, byteByByte: true) == expected, "\(value)")
            }
        }
    }

    static func check(_ value: String, byteByByte: Bool = false) -> EmailNormalizer.ASCIIShape? {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            byteByByte
                ? EmailNormalizer.checkByteByByte(UnsafeBufferPointer(buffer), classes: EmailNormalizer.ByteClass.table)
                : EmailNormalizer.checkASCII(UnsafeBufferPointer(buffer))
        }
    }

    /// A random address for the byte checks: a local part and a domain from good and rule-breaking pieces, or
    /// (one in ten) any pieces with `@` among them.
    static func randomAddress(using generator: inout SystemRandomNumberGenerator) -> String {
        let good = ["a", "Z", "0", "_", "+", "!", "~", "a.b", "x-y"]
        let localPieces = good + good + [".", "-", "é", " ", "<", ":", "(", "\"", String(repeating: "l", count: 60)]
        let goodLabels = ["x", "io", "ex-ample", "COM", "0", "q"]
        let labelPieces = goodLabels + goodLabels + goodLabels + ["-a", "b-", "", "@", ":", "é", "_", " ", ">"]
        func pick(_ pieces: [String], _ range: ClosedRange<Int>) -> String {
            (0..<Int.random(in: range, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        let domain = (0..<Int.random(in: 1...3, using: &generator)).map { _ in pick(labelPieces, 1...2) }.joined(separator: ".")
        return Int.random(in: 0..<10, using: &generator) == 0 ? pick(localPieces + labelPieces + ["@"], 0...8) : pick(localPieces, 0...5) + "@" + domain
    }

    @Test(arguments: [("yes", "true"), ("Y", "true"), ("TRUE", "true"), ("1", "true"), ("on", "true"),
                      ("no", "false"), ("n", "false"), ("False", "false"), ("0", "false"), ("off", "false")])
    func booleans(input: String, expected: String) {
        #expect(BooleanNormalizer().normalize(input).result == .success(expected))
    }

    @Test func unknownBooleanFails() {
        #expect(throws: CellFailure.self) { try BooleanNormalizer().normalize("maybe").result.get() }
    }

    @Test(arguments: [("Ada@Example.COM", "ada@example.com"), ("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")])
    func emails(input: String, expected: String) {
        #expect(EmailNormalizer().normalize(input).result == .success(expected))
    }

    @Test(arguments: ["not-an-email", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example..com", ".a@example.com", "a@-x.com"])
    func badEmails(input: String) {
        #expect(throws: CellFailure.self) { try EmailNormalizer().normalize(input).result.get() }
    }

    @Test(arguments: [
        ("US", "(415) 555-0100", "+14155550100"), ("US", "1-415-555-0100", "+14155550100"),
        ("US", "+44 20 7946 0958", "+442079460958"), ("GB", "020 7946 0958", "+442079460958"),
        ("DE", "030 123456", "+4930123456"), ("US", "0044 20 7946 0958", "+442079460958"),
        ("GB", "+44 (0)20 7946 0958", "+442079460958"), ("US", "tel:+1 415 555 0100", "+14155550100"),
        ("US", "+14155550100", "+14155550100"), ("FR", "01 23 45 67 89", "+33123456789"),
    ])
    func phones(country: String, input: String, expected: String) {
        #expect(PhoneNormalizer(defaultCountry: country).normalize(input).result == .success(expected))
    }

    @Test(arguments: [
        "555-0100", "call me", "+0 123", "12345678901234567", "+", "", "+1 (415) 555-0100 ext 7",
        String(repeating: "1", count: 40), "+0044 20 7946 0958",
    ])
    func badPhones(input: String) {
        #expect(throws: CellFailure.self) { try PhoneNormalizer(defaultCountry: "US").normalize(input).result.get() }
    }

    @Test func aNationalNumberNeedsAKnownCountry() {
        let reading = PhoneNormalizer(defaultCountry: "XX").normalize("020 7946 0958")
        guard case .failure(let failure) = reading else {
            Issue.record("read as \(reading)")
            return
        }
        #expect(failure.message.contains("XX is not a known default country"))
        #expect(PhoneNormalizer(defaultCountry: "XX").normalize("+44 20 7946 0958").result == .success("+442079460958"))
    }

    @Test func urls() {
        #expect(URLNormalizer().normalize("HTTPS://example.com/a?b=c").result == .success("https://example.com/a?b=c"))
        #expect(URLNormalizer().normalize("www.example.com").result == .success("https://www.example.com"))
        #expect(throws: CellFailure.self) { try URLNormalizer().normalize("ftp://example.com").result.get() }
        #expect(throws: CellFailure.self) { try URLNormalizer().normalize("example").result.get() }
    }
}

@Suite struct DateTests {
    @Test(arguments: [
        ("DD/MM/YYYY", "31/12/2023", "2023-12-31"), ("MM/DD/YYYY", "12/31/2023", "2023-12-31"),
        ("M/D/YY", "1/2/24", "2024-01-02"), ("DD.MM.YYYY", "01.02.1999", "1999-02-01"),
        ("DD MMM YYYY", "5 Mar 2021", "2021-03-05"), ("MMM D, YYYY", "September 9, 2020", "2020-09-09"),
        ("YYYY-MM-DD", "2024-02-29", "2024-02-29"),
    ])
    func formats(pattern: String, input: String, expected: String) throws {
        let format = try #require(DateFormat(pattern))
        #expect(DateReader(declared: format, declaredName: pattern, evidence: DateEvidence()).read(input) == .value(expected))
    }

    @Test(arguments: ["2023-02-29", "2023-13-01", "31/31/2023", "yesterday", "2024", "12"])
    func rejectsNonDates(input: String) {
        #expect(throws: CellFailure.self) { try DateReader(declared: nil, declaredName: nil, evidence: DateEvidence()).read(input).result.get() }
    }

    @Test func declaredFormatStillAcceptsISO() throws {
        let reader = DateReader(declared: try #require(DateFormat("DD/MM/YYYY")), declaredName: "DD/MM/YYYY", evidence: DateEvidence())
        #expect(reader.read("2024-03-04") == .healed("2024-03-04", CellHeal(kind: .dateFormat, from: "DD/MM/YYYY", to: "YYYY-MM-DD")))
    }

    @Test(arguments: ["", "YY", "DD/MM", "hello", "DDD/MM/YYYY"])
    func unreadablePatterns(pattern: String) {
        #expect(DateFormat(pattern) == nil)
    }

    @Test func everyDayRoundTripsThroughEachOrder() throws {
        let dmy = try #require(DateFormat("DD/MM/YYYY"))
        let mdy = try #require(DateFormat("MM/DD/YYYY"))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let year = Int.random(in: 1900...2100, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &generator)
            let date = try #require(CalendarDate(year: year, month: month, day: day))
            let d = CalendarDate.pad(day, 2), m = CalendarDate.pad(month, 2)
            #expect(dmy.parse("\(d)/\(m)/\(year)") == date)
            #expect(mdy.parse("\(m)/\(d)/\(year)") == date)
            #expect(DateFormat.iso.parse(date.iso) == date)
        }
    }

    @Test(arguments: [
        ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"), ("2024-01-02 03:04", "2024-01-02T03:04:00"),
        ("2024-01-02T03:04:05.123+0200", "2024-01-02T03:04:05.123+02:00"),
    ])
    func datetimes(input: String, expected: String) {
        #expect(DateTimeNormalizer().normalize(input).result == .success(expected))
    }

    @Test(arguments: ["2024-01-02", "2024-01-02T25:00", "2024-01-02T03:04Zx"])
    func badDatetimes(input: String) {
        #expect(throws: CellFailure.self) { try DateTimeNormalizer().normalize(input).result.get() }
    }
}
