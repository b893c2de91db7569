import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct NumberDriftTests {
    @Test(arguments: [
        ("1.234,56", "1234.56"), ("(1,234.50)", "-1234.50"), ("12.5%", "0.125"), ("EUR 1.234,50", "1234.50"),
        ("1 234,56 €", "1234.56"), ("1'234.50", "1234.50"), ("1234-", "-1234"), ("USD 12", "12"), ("1,5", "1.5"),
        ("0,75", "0.75"), ("1.234.567", "1234567"), ("-€3.10", "-3.10"), ("$ (45.00)", "-45.00"), ("5%", "0.05"),
        ("1,2345", "1.2345"), ("\u{00A0}1\u{202F}000,5", "1000.5"),
    ])
    func writtenNumbers(input: String, expected: String) {
        #expect(DecimalNormalizer(decimalSeparator: nil).normalize(input).result == .success(expected))
    }

    @Test func aLoneGroupIsReadTheColumnsWay() {
        #expect(DecimalNormalizer(decimalSeparator: ".").normalize("1,234").result == .success("1234"))
        #expect(DecimalNormalizer(decimalSeparator: ",").normalize("1,234").result == .success("1.234"))
        guard case .failure(let failure) = DecimalNormalizer(decimalSeparator: nil).normalize("1.234") else {
            Issue.record("an undecided column must not guess")
            return
        }
        #expect(failure.ambiguity == .decimalSeparator)
    }

    @Test func evidenceDecidesTheColumn() {
        var evidence = NumberEvidence()
        for value in ["1.234", "12,5", "3.000,00"] { evidence.observe(value) }
        #expect(evidence.decimalSeparator(country: "US") == ",")
        var none = NumberEvidence()
        none.observe("1,234")
        #expect(none.decimalSeparator(country: "US") == ".")
        #expect(none.decimalSeparator(country: "DE") == ",")
        var both = NumberEvidence()
        for value in ["1.5", "2,5"] { both.observe(value) }
        #expect(both.decimalSeparator(country: "US") == nil)
    }

    @Test func numberReadsAreMarkedAsHeals() {
        #expect(DecimalNormalizer().normalize("1,200.00") == .healed("1200.00", CellHeal(kind: .numberFormat)))
        #expect(DecimalNormalizer().normalize("12.5") == .value("12.5"))
    }
}

@Suite struct DateDriftTests {
    func read(_ value: String, declared: String? = nil, evidence values: [String] = []) -> Result<String, CellFailure> {
        var evidence = DateEvidence()
        values.forEach { evidence.observe($0) }
        return DateReader(declared: declared.flatMap(DateFormat.init), declaredName: declared, evidence: evidence).read(value).result
    }

    @Test(arguments: [
        ("2024-03-05", "2024-03-05"), ("2024/3/5", "2024-03-05"), ("2024.03.05", "2024-03-05"),
        ("5 Mar 2024", "2024-03-05"), ("March 5th, 2024", "2024-03-05"), ("Tue, 05-Mar-24", "2024-03-05"),
        ("05-mar-2024", "2024-03-05"), ("5. März 2024", "2024-03-05"), ("45356", "2024-03-05"),
        ("2024-03-05T10:30:00Z", "2024-03-05"), ("2024-03-05 00:00:00", "2024-03-05"), ("31/12/2023", "2023-12-31"),
        ("12/31/2023", "2023-12-31"), ("7/7/24", "2024-07-07"), ("25.12.99", "1999-12-25"),
    ])
    func unambiguousValuesNeedNoDecision(input: String, expected: String) {
        #expect(read(input) == .success(expected))
    }

    @Test func aDayOverTwelveAnywhereDecidesTheOrder() {
        #expect(read("03/04/2024", evidence: ["25/12/2023"]) == .success("2024-04-03"))
        #expect(read("03/04/2024", evidence: ["12/25/2023"]) == .success("2024-03-04"))
        #expect(read("03/04/2024", declared: "MM/DD/YYYY", evidence: ["25/12/2023"]) == .success("2024-04-03"), "evidence beats the declared order")
    }

    @Test func withoutEvidenceTheDeclaredOrderReads() {
        #expect(read("03/04/2024", declared: "DD/MM/YYYY") == .success("2024-04-03"))
        #expect(read("03/04/2024", declared: "MM/DD/YYYY") == .success("2024-03-04"))
    }

    @Test func undecidedAndMixedColumnsDoNotGuess() {
        for evidence in [[], ["25/12/2023", "12/25/2023"]] {
            guard case .failure(let failure) = read("03/04/2024", evidence: evidence) else {
                Issue.record("03/04/2024 must not be guessed with evidence \(evidence)")
                continue
            }
            #expect(failure.ambiguity == .dateOrder)
        }
        #expect(read("04/04/2024") == .success("2024-04-04"), "equal day and month read either way")
        #expect(read("25/12/2023", evidence: ["25/12/2023", "12/25/2023"]) == .success("2023-12-25"))
    }

    @Test func shapesAreClassified() {
        #expect(DateShape.classify("1234")?.shape == nil, "short numbers are not Excel serials")
        #expect(DateShape.classify("hello") == nil)
        #expect(DateShape.classify("03/04/2024")?.shape == .numeric(first: 3, second: 4, year: 2024, separator: "/", yearDigits: 4))
    }

    /// Property: any real day written in either numeric order is read back to itself once the order is known.
    @Test func everyDayRoundTripsInBothOrders() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let year = Int.random(in: 1950...2060, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &generator)
            let iso = CalendarDate(year: year, month: month, day: day)!.iso
            for (order, text) in [(DateOrder.dayFirst, "\(day)/\(month)/\(year)"), (.monthFirst, "\(month)/\(day)/\(year)")] {
                let evidence = order == .dayFirst ? ["31/01/2000"] : ["01/31/2000"]
                #expect(read(text, evidence: evidence) == .success(iso), "\(text) as \(order)")
            }
        }
    }

    @Test func excelSerialsAndCivilDaysAgree() {
        #expect(CalendarDate(daysSinceEpoch: 0)?.iso == "1970-01-01")
        #expect(CalendarDate(daysSinceEpoch: CalendarDate.excelEpochDays + 60)?.iso == "1900-02-28")
        #expect(CalendarDate(daysSinceEpoch: 19_723)?.iso == "2024-01-01")
    }
}

@Suite struct ValueDriftTests {
    @Test(arguments: [("In Progress", "in_progress"), ("IN-PROGRESS", "in_progress"), ("Clôturé", "cloture"), ("done", "done")])
    func enumSpellings(input: String, expected: String) {
        #expect(EnumNormalizer(allowed: ["in_progress", "done", "cloture"]).normalize(input).result == .success(expected))
    }

    @Test(arguments: [("Ja", "true"), ("nein", "false"), ("Oui", "true"), ("✓", "true"), ("Sí", "true"), ("N", "false")])
    func localisedBooleans(input: String, expected: String) {
        #expect(BooleanNormalizer().normalize(input).result == .success(expected))
    }

    @Test func enumSuggestionsNeedAUniqueMatch() {
        #expect(EnumSuggester.closest("Cust", in: ["customer", "partner"]) == "customer")
        #expect(EnumSuggester.closest("custmer", in: ["customer", "partner"]) == "customer")
        #expect(EnumSuggester.closest("p", in: ["partner", "prospect"]) == nil)
        #expect(EnumSuggester.closest("zebra", in: ["customer", "partner"]) == nil)
    }

    @Test func utf16WithoutABOMIsRecognised() {
        let text = "email,name\na@example.com,Ada\n"
        let littleEndian = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        var little = SourceDecoder(firstChunk: littleEndian)
        var big = SourceDecoder(firstChunk: bigEndian)
        #expect(little.encoding == .utf16LE)
        #expect(big.encoding == .utf16BE)
        #expect(String(decoding: little.decode(littleEndian), as: UTF8.self) == text)
        #expect(String(decoding: big.decode(bigEndian), as: UTF8.self) == text)
    }
}

@Suite struct DateTimeDriftTests {
    func read(_ value: String, evidence values: [String] = []) -> Result<String, CellFailure> {
        var evidence = ColumnEvidence()
        values.forEach { evidence.observe($0) }
        let column = TemplateColumn(key: "at", type: .datetime)
        return (try? ColumnNormalizer(column: column, sheet: SheetSpec(key: "s", templateId: .init()), defaultCountry: "US", evidence: evidence))!.normalize(value).result
    }

    @Test(arguments: [
        ("2024-03-05T10:30:00Z", "2024-03-05T10:30:00Z"), ("2024-03-05 10:30", "2024-03-05T10:30:00"),
        ("5 Mar 2024 10:30 PM", "2024-03-05T22:30:00"), ("2024-03-05", "2024-03-05T00:00:00"),
        ("45356.75", "2024-03-05T18:00:00"), ("12/25/2023 9:05:07 am", "2023-12-25T09:05:07"),
    ])
    func writtenDateTimes(input: String, expected: String) {
        #expect(read(input) == .success(expected))
    }

    @Test func theColumnDecidesTheDateOrder() {
        #expect(read("03/04/2024 08:00", evidence: ["25/12/2023 10:00"]) == .success("2024-04-03T08:00:00"))
        guard case .failure(let failure) = read("03/04/2024 08:00") else {
            Issue.record("an undecided day/month order must not be guessed")
            return
        }
        #expect(failure.ambiguity == .dateOrder)
        #expect(throws: CellFailure.self) { try read("2024-03-05 25:00").get() }
    }
}

@Suite struct ContactDriftTests {
    @Test(arguments: [("+44 (0)20 7946 0958", "+442079460958"), ("tel:+1-415-555-0100", "+14155550100")])
    func phones(input: String, expected: String) {
        #expect(PhoneNormalizer(defaultCountry: "US").normalize(input).result == .success(expected))
    }

    @Test func emailsWithADisplayName() {
        #expect(EmailNormalizer().normalize("Ada Lovelace <Ada@Example.com>").result == .success("ada@example.com"))
        #expect(EmailNormalizer().normalize("mailto:bob@example.com").result == .success("bob@example.com"))
    }

    @Test func valueMapsMatchOtherSpellingsOfTheirKeys() throws {
        let column = TemplateColumn(key: "tier", type: .enum, values: ["customer"])
        let sheet = SheetSpec(key: "s", templateId: .init(), valueMaps: ["tier": ["Kunde": "customer"]])
        let normalizer = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: "DE")
        #expect(normalizer.normalize("KUNDE ").result == .success("customer"))
    }
}
