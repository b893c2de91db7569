import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

@Suite struct SheetProcessorTests {
    let template = Template(id: UUID(), name: "Contacts", columns: [
        TemplateColumn(key: "email", type: .email, required: true, unique: true, synonyms: ["Mail"]),
        TemplateColumn(key: "first_name", label: "First name", type: .string),
        TemplateColumn(key: "seats", type: .integer),
    ], createdAt: Date())

    func processor(mapping: [String: String] = [:], headers: [String]) throws -> SheetProcessor {
        let sheet = SheetSpec(key: "contacts", templateId: template.id, mapping: mapping)
        let resolution = HeaderResolver.resolve(sheet: sheet, columns: template.columns, headers: headers, samples: [])
        return try SheetProcessor(sheet: sheet, template: template, defaultCountry: "US", resolution: resolution, evidence: SheetEvidence(width: headers.count))
    }

    @Test func bindsByMappingThenNameThenSynonym() throws {
        let resolution = try processor(mapping: ["seats": "Licences"], headers: ["Licences", "FIRST NAME", "mail", "Notes"]).resolution
        #expect(resolution.sourceIndex == [2, 1, 0])
        #expect(resolution.heals.map(\.kind) == ["renamed_header", "reordered_columns", "extra_column"])
        #expect(resolution.heals.last?.from == "Notes")
    }

    @Test func eachSourceColumnFeedsOneTemplateColumn() {
        let columns = [TemplateColumn(key: "a", type: .string), TemplateColumn(key: "b", type: .string, synonyms: ["a"])]
        let resolution = HeaderResolver.resolve(sheet: SheetSpec(key: "s", templateId: UUID()), columns: columns, headers: ["a"], samples: [])
        #expect(resolution.sourceIndex == [0, nil])
    }

    @Test func producesCanonicalRowsAndCellErrors() throws {
        var processor = try processor(headers: ["email", "first_name", "seats"])
        let goodRow = processor.process(number: 1, fields: [" Ada@Example.com", "Ada", "1,200"])
        let good = try #require(goodRow)
        #expect(good.values == ["ada@example.com", "Ada", "1200"])
        #expect(!good.isInvalid)

        let badRow = processor.process(number: 2, fields: ["nope", "Bob", "x"])
        let bad = try #require(badRow)
        #expect(bad.values == ["nope", "Bob", "x"])
        #expect(bad.invalidCells.map(\.column) == ["email", "seats"])
        #expect(bad.invalidCells.map(\.code) == [.typeError, .typeError])
        #expect(bad.invalidCells.allSatisfy { $0.row == 2 && $0.sheet == "contacts" })

        let duplicateRow = processor.process(number: 3, fields: ["ADA@example.com", "", ""])
        let duplicate = try #require(duplicateRow)
        #expect(duplicate.invalidCells.map(\.code) == [.uniqueError])

        let blank = processor.process(number: 4, fields: ["", " ", ""])
        #expect(blank == nil)
        #expect(processor.summary.rows == 3)
        #expect(processor.summary.invalidRows == 2)
        #expect(processor.summary.invalidCells == 3)
        #expect(processor.summary.blankRows == 1)
        #expect(processor.summary.profile(columns: template.columns)["email"] == RunReport.ColumnProfile(filled: 3, distinct: 2))
    }

    @Test func raggedRecordsAreReported() throws {
        var processor = try processor(headers: ["email", "first_name", "seats"])
        let longRow = processor.process(number: 1, fields: ["a@example.com", "A", "1", "surplus"])
        let long = try #require(longRow)
        #expect(long.invalidCells.map(\.code) == [.extraCell])
        let shortRow = processor.process(number: 2, fields: ["b@example.com"])
        let short = try #require(shortRow)
        #expect(short.values == ["b@example.com", "", ""])
        #expect(!short.isInvalid)
    }

    @Test func missingRequiredColumnFailsEveryRow() throws {
        var processor = try processor(headers: ["name"])
        let rowRow = processor.process(number: 1, fields: ["Ada"])
        let row = try #require(rowRow)
        #expect(row.invalidCells.map(\.code) == [.constraintError])
    }
}
