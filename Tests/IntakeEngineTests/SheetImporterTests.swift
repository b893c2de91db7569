import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

/// Past its head, a sheet's evidence is gathered by the columns' processors as they read their cells (a cell
/// read from its bytes adds what its reader found); it must be what observing every record's fields as
/// text would give, for each kind of evidence a column's type watches.
@Suite struct SheetImporterTests {
    let template = Template(id: UUID(), name: "T", columns: [
        TemplateColumn(key: "day", type: .date), TemplateColumn(key: "amount", type: .decimal),
        TemplateColumn(key: "seats", type: .integer), TemplateColumn(key: "stamp", type: .datetime),
        TemplateColumn(key: "name", type: .string),
    ], createdAt: Date())

    /// Dates and numbers written every way the byte readers take and many they leave to the text path:
    /// year first or last, `/ . -`, two- or four-digit years, days over 12 either side, times, month names,
    /// serials, padding (ASCII and not), percentages, currencies, grouping, text and blanks.
    static let days = [
        "2024-03-04", "3/4/2024", "13/4/2024", "4/13/2024", "04.03.24", "4.3.2024.", "7-7-99", "31/12/2023", "12/31/2023",
        " 3/4/2024", "3/4/2024 ", "\t13/4/2024", "3/4/2024 10:30", "2024-03-04T10:30:00Z", "March 4, 2024", "45000", "soon",
        "\u{00A0}4/13/2024", "30/2/2024", "0/5/2024", "", " ",
    ]
    static let numbers = [
        "1,200.50", "1.200,50", "$3", "12", "-3.5", "(1,200.00)", "0,5", "1,000", "1.000", "1,2,3", "12%", "€5", "1 234,5",
        " 7,25", "7.25 ", "1'234.5", "x", "a@b.c", "1/2", "10:30", "USD 12.50", "", " ", "\u{00A0}1,5",
    ]

    @Test(arguments: [1, 2])
    func theColumnsGatherWhatEveryRecordShows(lanes: Int) async throws {
        let headers = ["day", "amount", "seats", "stamp", "name"]
        let sheet = SheetSpec(key: "t", templateId: template.id)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<25 {
            var importer = SheetImporter(
                sheet: sheet, template: template, defaultCountry: "US", headSize: Int.random(in: 1...30, using: &generator), lanes: lanes
            )
            importer.begin(headers: headers)
            // Every field of every record observed as text, by source column.
            var reference = [ColumnEvidence](repeating: ColumnEvidence(), count: headers.count)
            var number = 1
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                var records: [(number: Int, fields: [String])] = []
                for _ in 0..<Int.random(in: 1...150, using: &generator) {
                    number += 1
                    var fields = [
                        Self.days.randomElement(using: &generator)!, Self.numbers.randomElement(using: &generator)!,
                        Self.numbers.randomElement(using: &generator)!, Self.days.randomElement(using: &generator)! + " 10:00",
                        "n\(number)",
                    ]
                    if Int.random(in: 0..<15, using: &generator) == 0 { fields.removeLast(Int.random(in: 1...4, using: &generator)) }
                    if Int.random(in: 0..<30, using: &generator) == 0 { fields = fields.map { _ in "" } }
                    for (index, field) in fields.enumerated() { reference[index].observe(field) }
                    records.append((number, fields))
                }
                _ = try await importer.consume(RecordBatch(records))
            }
            _ = try importer.finish()
            let evidence = importer.evidence
            for (index, column) in template.columns.enumerated() {
                switch column.type {
                case .date, .datetime: #expect(evidence.columns[index].dates == reference[index].dates, "\(column.key)")
                case .decimal, .integer: #expect(evidence.columns[index].numbers == reference[index].numbers, "\(column.key)")
                default: break
                }
            }
        }
    }
}

/// A source's size, with the head's records, sizes a `unique` column's set for the whole file.
@Suite struct SheetImporterSizingTests {
    let template = Template(id: UUID(), name: "T", columns: [
        TemplateColumn(key: "email", type: .email, unique: true), TemplateColumn(key: "note", type: .string),
    ], createdAt: Date())

    /// Records of random lengths, some fields quoted, and the size of the file that holds them.
    static func file(records: Int, using generator: inout some RandomNumberGenerator) -> (records: [(number: Int, fields: [String])], bytes: Int) {
        var rows: [(number: Int, fields: [String])] = []
        var bytes = "email,note\n".utf8.count
        for number in 2..<(records + 2) {
            let note = String(repeating: "n", count: Int.random(in: 0...8, using: &generator))
            let email = "p" + String(repeating: "0", count: 6 - String(number).count) + "\(number)@x.io"
            let fields = [email, Int.random(in: 0..<10, using: &generator) == 0 ? note + ", more" : note]
            rows.append((number, fields))
            bytes += fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",").utf8.count + 1
        }
        return (rows, bytes)
    }

    @Test func theRecordsOfAFileAreEstimatedFromItsHead() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10 {
            let (records, bytes) = Self.file(records: 20_000, using: &generator)
            let estimate = SheetImporter.expectedRecords(sourceBytes: bytes, head: RecordBatch(Array(records.prefix(1_000))))
            // High by the quotes of a tenth of the notes (2 bytes of ~20 a record), give or take the head's sample.
            #expect(estimate.map { $0 >= 19_800 && $0 <= 20_800 } == true, "\(String(describing: estimate))")
        }
        #expect(SheetImporter.expectedRecords(sourceBytes: 100, head: RecordBatch()) == nil)
    }

    @Test(arguments: [false, true])
    func aUniqueColumnIsSizedForTheWholeFile(sizeKnown: Bool) async throws {
        var generator = SystemRandomNumberGenerator()
        let (records, bytes) = Self.file(records: 3_000, using: &generator)
        var importer = SheetImporter(
            sheet: SheetSpec(key: "t", templateId: template.id), template: template, defaultCountry: "US", headSize: 500,
            sourceBytes: sizeKnown ? bytes * 100 : nil
        )
        importer.begin(headers: ["email", "note"])
        _ = try await importer.consume(RecordBatch(records))
        let capacity = try #require(importer.processor?.uniqueCapacity(0))
        if !sizeKnown {
            // Grown as its 3,000 members came.
            #expect(capacity <= 8_192)
        } else {
            // About 300,000 records expected: sized for them ahead, not grown to 3,000.
            #expect(capacity == HashSet64(reservingCapacity: 300_000).capacity)
        }
        #expect(importer.processor?.uniqueCapacity(1) == nil)
    }
}
