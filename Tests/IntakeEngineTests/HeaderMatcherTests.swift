import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct HeaderMatcherTests {
    let columns = [
        TemplateColumn(key: "email", type: .email),
        TemplateColumn(key: "first_name", label: "First name", type: .string),
        TemplateColumn(key: "last_name", type: .string),
        TemplateColumn(key: "company", type: .string, synonyms: ["Client"]),
        TemplateColumn(key: "signup_date", type: .date),
    ]

    @Test func provenanceAndConfidenceFollowTheEvidence() {
        let matches = HeaderMatcher.match(
            columns: columns,
            headers: ["E-Mail Address", "FIRST NAME", "Surname", "Client", "Sign-up Dte"],
            samples: [["a@x.com", "A", "B", "C", "2024-01-01"]]
        )
        let byColumn = Dictionary(uniqueKeysWithValues: matches.map { ($0.column, $0) })
        #expect(byColumn["email"]?.header == "E-Mail Address")
        #expect(byColumn["email"]?.provenance == .synonym)
        #expect(byColumn["first_name"]?.provenance == .exact)
        #expect(byColumn["first_name"]?.confidence == 1.0)
        #expect(byColumn["last_name"]?.header == "Surname")
        #expect(byColumn["company"]?.provenance == .synonym)
        #expect(byColumn["company"]?.confidence == 0.95)
        #expect(byColumn["signup_date"]?.header == "Sign-up Dte")
        #expect(byColumn["signup_date"]?.provenance == .fuzzy)
    }

    @Test func aColumnFullOfEmailsIsAnEmailColumn() {
        let samples = [["x", "ada@example.com"], ["y", "bob@example.com"], ["z", "cy@example.org"], ["w", ""]]
        let matches = HeaderMatcher.match(columns: [TemplateColumn(key: "email", type: .email)], headers: ["Notes", "Contact"], samples: samples)
        #expect(matches == [ColumnMatch(column: "email", header: "Contact", confidence: 0.8, provenance: .values)])
    }

    /// `reads` stops at the failure that puts the share out of reach: property-style, it must answer exactly as
    /// the share over every value would, for lists of every mix, order and length (fewer than 3 filled values
    /// never enough).
    @Test func readingStopsEarlyOnlyWhenTheShareIsOutOfReach() throws {
        let reader = try ColumnNormalizer(column: TemplateColumn(key: "email", type: .email), sheet: SheetSpec(key: "s", templateId: UUID()), defaultCountry: "US")
        let pool = ["ada@example.com", " BOB@EXAMPLE.ORG ", "cy@x.io", "not an email", "a@b", "", "  ", "x@y.z", "@nope", "dee@example.com"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let values = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            let share = [0.0, 0.5, 0.75, 0.9, 1.0].randomElement(using: &generator)!
            let filled = values.filter { !ValueText.trimmed($0).isEmpty }
            let read = filled.filter { reader.normalize($0).canonical != nil }.count
            let expected = filled.count >= 3 && Double(read) / Double(filled.count) >= share
            #expect(HeaderMatcher.reads(filled: filled, by: reader, share: share) == expected, "\(values) at \(share)")
        }
    }

    @Test func oneToOneAndNothingBelowTheFloor() {
        let matches = HeaderMatcher.match(columns: [TemplateColumn(key: "email", type: .string), TemplateColumn(key: "mail", type: .string)], headers: ["email", "zzz"], samples: [])
        #expect(matches.map(\.column) == ["email"])
        #expect(HeaderMatcher.match(columns: [TemplateColumn(key: "amount", type: .decimal)], headers: ["colour"], samples: []).isEmpty)
    }

    @Test func jaroWinklerBasics() {
        #expect(StringSimilarity.jaroWinkler("martha", "marhta") > 0.95)
        #expect(StringSimilarity.jaroWinkler("abc", "abc") == 1)
        #expect(StringSimilarity.jaroWinkler("abc", "xyz") == 0)
    }
}
