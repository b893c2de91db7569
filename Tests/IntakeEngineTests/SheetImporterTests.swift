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
            var reference = SheetEvidence(width: headers.count)
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
                    reference.observe(fields)
                    records.append((number, fields))
                }
                _ = try await importer.consume(RecordBatch(records))
            }
            _ = try importer.finish()
            let evidence = importer.evidence
            for (index, column) in template.columns.enumerated() {
                switch column.type {
                case .date, .datetime: #expect(evidence.columns[index].dates == reference.columns[index].dates, "\(column.key)")
                case .decimal, .integer: #expect(evidence.columns[index].numbers == reference.columns[index].numbers, "\(column.key)")
                default: break
                }
            }
        }
    }
}
