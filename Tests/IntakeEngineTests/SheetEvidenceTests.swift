import Foundation
import Testing

@testable import IntakeEngine

/// A sheet's head is observed from its cells' bytes, read in place (`SheetEvidence.observe(_:_:)`); it must
/// gather exactly what observing every field as text gives, both kinds of evidence in every source column.
@Suite struct SheetEvidenceTests {
    @Test func theHeadReadInPlaceShowsWhatItsFieldsShowAsText() {
        let values = SheetImporterTests.days + SheetImporterTests.numbers + ["ümlaut", "\u{FEFF}12", "1\u{00A0}234,5", "  \t ", "3/4/2024\u{3000}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let width = Int.random(in: 1...6, using: &generator)
            var records: [(number: Int, fields: [String])] = []
            for number in 1...Int.random(in: 1...120, using: &generator) {
                // Ragged records too: short ones, and ones wider than the header, whose extra cells are not observed.
                let fields = (0..<Int.random(in: 0...(width + 2), using: &generator)).map { _ in values.randomElement(using: &generator)! }
                records.append((number, fields))
            }
            let batch = RecordBatch(records)
            var reference = [ColumnEvidence](repeating: ColumnEvidence(), count: width)
            for record in records {
                for (index, field) in record.fields.enumerated() where index < width { reference[index].observe(field) }
            }
            // Observed in two parts, as a head filled from two batches is.
            let split = Int.random(in: 0...records.count, using: &generator)
            var evidence = SheetEvidence(width: width)
            evidence.observe(batch, 0..<split)
            evidence.observe(batch, split..<records.count)
            #expect(evidence.columns == reference)
        }
    }
}
