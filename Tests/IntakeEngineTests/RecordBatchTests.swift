import Testing

@testable import IntakeEngine

/// Records kept as one buffer of text with field ranges: whatever way they were written (scanned from
/// chunks, appended as text, copied between batches), they read back as the same fields.
@Suite struct RecordBatchTests {
    static let alphabet = Array("ab ,\"\n\r\té1\u{00A0}")

    static func randomTable(_ generator: inout some RandomNumberGenerator) -> [[String]] {
        (0..<Int.random(in: 1...12, using: &generator)).map { _ in
            (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
        }
    }

    func records(_ batch: RecordBatch) -> [[String]] {
        (0..<batch.count).map(batch.fields)
    }

    /// The records `forEachBlank` finds in `range` (all of `batch` by default), and those whose fields are all
    /// blank as text.
    func blanks(_ batch: RecordBatch, in range: Range<Int>? = nil) -> (found: [Int], expected: [Int]) {
        let range = range ?? 0..<batch.count
        var found: [Int] = []
        batch.forEachBlank(in: range) { found.append($0) }
        return (found, range.filter { batch.fields($0).allSatisfy(ValueText.isBlank) })
    }

    @Test func scannedChunksReadBackAsTheirFields() {
        var generator = SystemRandomNumberGenerator()
        var blanksSeen = 0
        defer { #expect(blanksSeen > 0) }
        for _ in 0..<300 {
            let table = Self.randomTable(&generator)
            let text = table.map { record in
                record.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            }.joined(separator: "\n") + (Bool.random(using: &generator) ? "\n" : "")
            let bytes = Array(text.utf8)
            let chunk = Int.random(in: 1...16, using: &generator)
            var scanner = CSVScanner()
            // Batches handed over after every chunk, as the reader does: each holds only whole records.
            var batches: [RecordBatch] = []
            var offset = 0
            while offset < bytes.count {
                var batch = RecordBatch()
                scanner.feed(bytes[offset..<min(bytes.count, offset + chunk)], into: &batch)
                #expect(batch.pendingFields == 0)
                batches.append(batch)
                offset += chunk
            }
            var last = RecordBatch()
            scanner.finish(into: &last)
            batches.append(last)
            // Blank records, noted as the scanner ended them, whether their first field lay in the chunk or was
            // carried over from the one before.
            for batch in batches {
                let (found, expected) = blanks(batch)
                #expect(found == expected, "chunk \(chunk): \(records(batch))")
                blanksSeen += found.count
            }
            #expect(batches.flatMap(records) == table, "chunk \(chunk): \(table)")
            #expect(batches.flatMap(\.numbers) == Array(1...table.count))
        }
    }

    @Test func appendedCopiedAndSplitBatchesKeepTheirRecords() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let table = Self.randomTable(&generator)
            let batch = RecordBatch(table.enumerated().map { ($0.offset + 10, $0.element) })
            #expect(records(batch) == table)
            #expect(batch.numbers == Array(10..<(10 + table.count)))
            let cut = Int.random(in: 0...table.count, using: &generator)
            let rest = batch.suffix(from: cut)
            #expect(records(rest) == Array(table[cut...]))
            #expect(rest.numbers == Array(batch.numbers[cut...]))
            var copy = RecordBatch()
            for record in 0..<batch.count { copy.append(record, of: batch) }
            #expect(records(copy) == table)
            // Blank records, over the whole batch and from a random record on, and in the batches split and
            // copied from it.
            let blank = table.indices.filter { table[$0].allSatisfy(ValueText.isBlank) }
            let from = Int.random(in: 0...table.count, using: &generator)
            for range in [0..<table.count, from..<table.count] {
                #expect(blanks(batch, in: range).found == blank.filter(range.contains))
            }
            for derived in [rest, copy] {
                let (found, expected) = blanks(derived)
                #expect(found == expected)
            }
        }
    }

    /// A column's cells read in place are the records' fields, and missing past a short record, whether every
    /// record has the same width (found by arithmetic) or not (found through each record's end); in batches
    /// scanned from chunks, appended as text, split and copied.
    @Test func cellsAreTheFieldsWhetherRecordsShareAWidthOrNot() {
        var generator = SystemRandomNumberGenerator()
        var (shared, mixed) = (0, 0)
        for round in 0..<300 {
            var table = Self.randomTable(&generator)
            if round % 2 == 0 {
                let width = Int.random(in: 1...5, using: &generator)
                table = table.map { Array(($0 + Array(repeating: "x", count: width)).prefix(width)) }
            }
            if Set(table.map(\.count)).count == 1 { shared += 1 } else { mixed += 1 }
            let appended = RecordBatch(table.enumerated().map { ($0.offset + 1, $0.element) })
            let text = table.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }.joined(separator: "\n")
            var scanner = CSVScanner()
            var scanned = RecordBatch()
            let bytes = Array(text.utf8)
            let chunk = Int.random(in: 1...16, using: &generator)
            for start in stride(from: 0, to: bytes.count, by: chunk) {
                scanner.feed(bytes[start..<min(bytes.count, start + chunk)], into: &scanned)
            }
            scanner.finish(into: &scanned)
            let cut = Int.random(in: 0...table.count, using: &generator)
            for batch in [appended, scanned, appended.suffix(from: cut), scanned.suffix(from: cut)] {
                for field in 0...6 {
                    let cells = batch.withCells(of: field) { cells in (0..<batch.count).map { cells[$0].map { String(decoding: $0, as: UTF8.self) } } }
                    let fields = (0..<batch.count).map { record in field < batch.width(record) ? batch.field(record, field) : nil }
                    #expect(cells == fields, "field \(field) of \(records(batch))")
                }
            }
        }
        #expect(shared > 100 && mixed > 50)
    }

    @Test func aColumnsCellsAreReadInPlaceAndMissingPastAShortRecord() {
        let batch = RecordBatch([(1, ["a", "b", "c"]), (2, ["d"]), (3, ["", "f"])])
        let second = batch.withCells(of: 1) { cells in (0..<batch.count).map { cells[$0].map { String(decoding: $0, as: UTF8.self) } } }
        #expect(second == ["b", nil, "f"])
        #expect(batch.width(1) == 1)
        #expect(batch.field(1, 5) == "")
    }
}
