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
        let processor = try processor(headers: ["email", "first_name", "seats"])
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

    /// Past 1,024 values a column's distinct count is an estimate, which may come out above the cells filled;
    /// the profile never reports more distinct values than filled cells.
    @Test func aProfileHoldsNoMoreDistinctValuesThanFilledCells() {
        var summary = SheetSummary(columnCount: 2)
        summary.filled = [1_030, 5_000]
        summary.distinct = [1_041, 4_990]
        let columns = [TemplateColumn(key: "a", type: .string), TemplateColumn(key: "b", type: .string)]
        #expect(summary.profile(columns: columns) == [
            "a": RunReport.ColumnProfile(filled: 1_030, distinct: 1_030), "b": RunReport.ColumnProfile(filled: 5_000, distinct: 4_990),
        ])
    }

    @Test func raggedRecordsAreReported() throws {
        let processor = try processor(headers: ["email", "first_name", "seats"])
        let longRow = processor.process(number: 1, fields: ["a@example.com", "A", "1", "surplus"])
        let long = try #require(longRow)
        #expect(long.invalidCells.map(\.code) == [.extraCell])
        let shortRow = processor.process(number: 2, fields: ["b@example.com"])
        let short = try #require(shortRow)
        #expect(short.values == ["b@example.com", "", ""])
        #expect(!short.isInvalid)
    }

    @Test func missingRequiredColumnFailsEveryRow() throws {
        let processor = try processor(headers: ["name"])
        let rowRow = processor.process(number: 1, fields: ["Ada"])
        let row = try #require(rowRow)
        #expect(row.invalidCells.map(\.code) == [.constraintError])
    }

    /// Columns processed in two or three lanes side by side give exactly what one record at a time gives: the rows,
    /// their errors in column order, the counts, the failures, the repairs and their order.
    @Test func lanesChangeNothingButSpeed() async throws {
        let template = Template(id: UUID(), name: "Mixed", columns: [
            TemplateColumn(key: "email", type: .email, required: true, unique: true),
            TemplateColumn(key: "name", type: .string),
            TemplateColumn(key: "phone", type: .phone),
            TemplateColumn(key: "joined", type: .date),
            TemplateColumn(key: "amount", type: .decimal),
            TemplateColumn(key: "active", type: .boolean),
            TemplateColumn(key: "tier", type: .enum, values: ["gold", "silver"]),
            TemplateColumn(key: "seats", type: .integer, required: true),
            TemplateColumn(key: "ref", type: .string, unique: true),
        ], createdAt: Date())
        // `ref` is unique and a link too: a repeated value outside the linked sheet gets both errors, in order.
        let links = [8: LinkedValues(sheet: "other", column: "id", values: ["r1", "r2"])]
        let headers = ["email", "name", "phone", "joined", "amount", "active", "tier", "seats", "ref"]
        let sheet = SheetSpec(key: "mixed", templateId: template.id)
        let resolution = HeaderResolver.resolve(sheet: sheet, columns: template.columns, headers: headers, samples: [])
        let pools: [[String]] = [
            ["a@x.io", " B@X.IO ", "not-mail", "", "a@x.io", "c@x.io"],
            ["Ada", " Bob ", "", "=1+1"],
            ["(415) 555-0100", "+14155550101", "555", ""],
            ["2024-01-31", "1/31/2024", "31.01.2024", "soon", ""],
            ["1,200.50", "$3", "x", "", "7"],
            ["yes", "N", "maybe", "", "TRUE"],
            ["Gold", "silver", "bronze", ""],
            ["1", "2,000", "", "many"],
            ["r1", "r2", "r3", " r3", "", "r\(Int.random(in: 0..<1_000))"],
        ]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var records: [(number: Int, fields: [String])] = []
            // A few rounds long enough for batches of several tiles (`Lane.tileRecords`).
            let length = round < 4 ? Int.random(in: 2_100...3_200, using: &generator) : Int.random(in: 60...400, using: &generator)
            for number in 1...length {
                var fields = pools.map { $0.randomElement(using: &generator)! }
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: fields = fields.map { _ in " " }
                case 1: fields.append("extra")
                case 2: fields.removeLast(Int.random(in: 1...3, using: &generator))
                default: fields[0] = "u\(round)-\(number % 150)@x.io"
                }
                records.append((number + 1, fields))
            }
            // Every round holds a blank record and a repeated email, whatever the dice said.
            records[Int.random(in: 0..<records.count - 2, using: &generator)].fields = ["", " ", "", "", "", "", "", "", ""]
            records[records.count - 1].fields[0] = "a@x.io"
            records[records.count - 2].fields[0] = "a@x.io"
            let single = try SheetProcessor(sheet: sheet, template: template, defaultCountry: "US", resolution: resolution, evidence: SheetEvidence(width: headers.count), links: links, lanes: 1)
            let laneCount = round % 2 == 0 ? 2 : 3
            let laned = try SheetProcessor(sheet: sheet, template: template, defaultCountry: "US", resolution: resolution, evidence: SheetEvidence(width: headers.count), links: links, lanes: laneCount)
            #expect(laned.lanes.count == laneCount)
            let expected = records.compactMap { single.process(number: $0.number, fields: $0.fields) }
            var rows: [ProcessedRow] = []
            let batchSize = round < 4 ? 2_600 : 100
            for start in stride(from: 0, to: records.count, by: batchSize) {
                rows += await laned.process(RecordBatch(Array(records[start..<min(start + batchSize, records.count)]))).rows
            }
            #expect(rows == expected)
            #expect(laned.summary == single.summary)
            #expect(laned.failures == single.failures)
            #expect(laned.cellHeals() == single.cellHeals())
            #expect(expected.contains(where: \.isInvalid) && single.summary.blankRows > 0 && !single.cellHeals().isEmpty)
            #expect(expected.contains { $0.invalidCells.filter { $0.column == "ref" }.map(\.code) == [.uniqueError, .foreignKey] })
        }
    }

    @Test func lanesAreOfAboutEqualWeight() throws {
        let columns = [
            TemplateColumn(key: "a", type: .email), TemplateColumn(key: "b", type: .string), TemplateColumn(key: "c", type: .phone),
            TemplateColumn(key: "d", type: .string), TemplateColumn(key: "e", type: .date), TemplateColumn(key: "f", type: .decimal),
        ]
        let template = Template(id: UUID(), name: "T", columns: columns, createdAt: Date())
        let sheet = SheetSpec(key: "t", templateId: template.id)
        let headers = columns.map(\.key)
        let resolution = HeaderResolver.resolve(sheet: sheet, columns: columns, headers: headers, samples: [])
        let processor = try SheetProcessor(sheet: sheet, template: template, defaultCountry: "US", resolution: resolution, evidence: SheetEvidence(width: headers.count))
        // Weights 8, 2, 7, 2, 7, 6 (32): heaviest first into the lighter lane, 16 each.
        #expect(processor.lanes == [[0, 1, 5], [2, 3, 4]])
    }
}
