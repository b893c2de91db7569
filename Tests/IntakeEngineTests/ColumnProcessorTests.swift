import Foundation
import IntakeDomain
import Testing

@testable import IntakeEngine

/// Cells read from bytes take shortcuts — a string column keeps a cell that needs no trimming as it is; a
/// column whose values repeat reads a value seen before from its memo — which must read every cell exactly
/// as the text path does (values, errors, repairs, counts).
@Suite struct ColumnProcessorTests {
    func processor(
        _ column: TemplateColumn, sheet: SheetSpec = SheetSpec(key: "s", templateId: UUID()), evidence: ColumnEvidence = ColumnEvidence()
    ) throws -> ColumnProcessor {
        let normalizer = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: "US", evidence: evidence)
        return ColumnProcessor(position: 0, column: column, sourceIndex: 0, sheetKey: sheet.key, normalizer: normalizer, link: nil)
    }

    static let text = ["a", "Ada", " Ada", "Ada ", "\u{00A0}x", "é", "x é y", "", " ", "dup", "=1", "\t", "a\u{FEFF}"]

    @Test(arguments: [
        (TemplateColumn(key: "name", type: .string), text),
        (TemplateColumn(key: "code", type: .string, required: true, unique: true), text),
        (TemplateColumn(key: "tier", type: .enum, values: ["Gold", "Silver"]), ["Gold", "gold", " GOLD ", "silver", "Bronze", "", "\u{00A0}Gold"]),
        (TemplateColumn(key: "active", type: .boolean, required: true), ["yes", "Y", "true", " 1", "0", "maybe", "", "TRUE "]),
        (TemplateColumn(key: "day", type: .date), ["2024-03-04", "3/4/2024", "13/4/2024", " 2024-03-04", "March 4, 2024", "nope", "", "45000"]),
        (TemplateColumn(key: "email", type: .email, required: true, unique: true), [
            "a@x.io", "A@X.io", " a@x.io", "bad", "x@y", "Ada <ada@x.io>", "mailto:b@x.io", "b@x.io", "é@x.io", "a..b@x.io", "c@x-.io",
            " A@X.IO ", "\ta@x.io", " bad ", "b@x.io\t ", "", "  ", " \u{00A0}a@x.io", "a@x.io\r\n",
        ]),
        (TemplateColumn(key: "contact", type: .email), ["a@x.io", "", " ", " A@x.io", "A@x.io ", "bad", " bad"]),
        (TemplateColumn(key: "phone", type: .phone), [
            "(415) 555-0100", "+14155550100", "415.555.0100", "1-415-555-0100", "+44 (0)20 7946 0958", "tel:+14155550100",
            "0044 20 7946 0958", "555", "abc", "00", "+1 415 555 0100 ", "4155550100", " 415.555.0100", "\t+14155550100\t", "", " ",
        ]),
        (TemplateColumn(key: "seats", type: .integer, unique: true), [
            "12", "1,200", "1.200", "-0", "007", "12.0", "12.5", "(3)", "12%", "", "x", "1 000", "+4", "5.00", "-12", "0.0", "$7",
            " 12", "12 ", " 1,200 ", " x ", "\t",
        ]),
        (TemplateColumn(key: "amount", type: .decimal, unique: true), [
            "$12,187.57", "1,986.18", "12", "-3.5", "(1,200.00)", "0.00", "-0", "12%", "€5", "1.234.567", "1,2,3", ".5", "007",
            "-$0.00", "1 234.5", "12.", "1,000", "0,5", "+7", "5-", "12.50", " $12,187.57", "12.50 ", " ", "",
        ]),
    ])
    func theByteShortcutsReadAsTheTextPath(column: TemplateColumn, pool: [String]) throws {
        try checkShortcuts(column: column, pool: pool, sheet: SheetSpec(key: "s", templateId: UUID()))
    }

    /// Empty cells skip the text path only where nothing fills them: not under a default or a value map for "".
    @Test(arguments: [
        SheetSpec(key: "s", templateId: UUID(), defaults: ["name": "n/a"]),
        SheetSpec(key: "s", templateId: UUID(), valueMaps: ["name": ["": "none", "Ada": "ADA"]]),
        SheetSpec(key: "s", templateId: UUID(), valueMaps: ["name": ["dup": "DUP"]]),
    ])
    func emptyCellsUnderDefaultsAndValueMapsReadAsTheTextPath(sheet: SheetSpec) throws {
        try checkShortcuts(column: TemplateColumn(key: "name", type: .string), pool: Self.text, sheet: sheet)
        try checkShortcuts(column: TemplateColumn(key: "name", type: .enum, values: ["n/a", "none", "ADA", "DUP"]), pool: Self.text, sheet: sheet)
    }

    /// Dates written every way the byte path reads (numbers joined by `/`, `.` or `-`, either order, two- or
    /// four-digit years, year first, a trailing dot, padding) and ways it leaves to the text path (month
    /// names, times, serials, impossible or ambiguous days), in columns whose evidence decides either order,
    /// neither or both, with and without a declared format.
    static let dates: [String] = {
        var pool = ["2024-03-04", "2024/3/4", "2024.03.04", "2024-3-4", "2024-02-30", "2023-02-29", "2024-02-29", "2024-13-01"]
        for (first, second) in [(3, 4), (13, 4), (4, 13), (7, 7), (31, 12), (12, 31), (30, 2), (2, 30), (0, 5), (29, 2)] {
            for separator in ["/", ".", "-"] {
                for year in ["2024", "24", "1999", "99", "68", "69"] {
                    pool.append("\(first)\(separator)\(second)\(separator)\(year)")
                    pool.append(String(format: "%02d%@%02d%@%@", first, separator, second, separator, year))
                }
            }
        }
        pool += ["4.3.2024.", "04.03.24.", " 3/4/2024", "3/4/2024 ", "\t13/4/2024", "3/4/2024 10:30", "2024-03-04T10:30:00Z",
                 "March 4, 2024", "4 Mar 2024", "45000", "45000.5", "3/4/20245", "3//2024", "3/4/", "/3/4/2024", "3-4/2024",
                 "12345/1/2024", "1/1/1", "a3/4/2024", "", " ", "\u{00A0}3/4/2024", "３/4/2024"]
        return pool
    }()

    @Test(arguments: [nil, "DD/MM/YYYY", "MM-DD-YY", "YYYY-MM-DD"], [0, 1, 2, 3])
    func datesReadFromTheirBytesReadAsTheTextPath(declared: String?, decided: Int) throws {
        var evidence = ColumnEvidence()
        evidence.dates.dayFirst = decided & 1
        evidence.dates.monthFirst = decided >> 1
        let sheet = SheetSpec(key: "s", templateId: UUID(), formats: declared.map { ["day": $0] } ?? [:])
        for column in [TemplateColumn(key: "day", type: .date), TemplateColumn(key: "day", type: .date, required: true, unique: true)] {
            try checkShortcuts(column: column, pool: Self.dates, sheet: sheet, evidence: evidence)
        }
    }

    /// A `unique` column counts its distinct values exactly, however many: its valid values by the hashes it
    /// keeps anyway, the values that failed beside them (beyond 1,024 values other columns estimate).
    @Test func aUniqueColumnCountsItsDistinctValuesExactly() throws {
        let column = TemplateColumn(key: "email", type: .email, unique: true)
        var generator = SystemRandomNumberGenerator()
        var records: [(Int, [String])] = []
        for number in 1...6_000 {
            let cell = switch Int.random(in: 0..<10, using: &generator) {
            case 0: "bad\(Int.random(in: 0..<40, using: &generator))"
            case 1: ""
            case 2: " User\(Int.random(in: 0..<3_000, using: &generator))@X.io "
            default: "user\(Int.random(in: 0..<3_000, using: &generator))@x.io"
            }
            records.append((number, [cell]))
        }
        var textPath = try processor(column)
        var invalid: [InvalidCell] = []
        let kept = records.map { textPath.process(number: $0.0, text: $0.1[0], invalid: &invalid) }
        let expected = Set(kept.filter { !$0.isEmpty }).count
        #expect(expected > 2_000)
        #expect(textPath.distinctCount == expected)
        var bytesPath = try processor(column)
        var values = ColumnValues(capacity: 0)
        var batchInvalid: [(slot: Int, cell: InvalidCell)] = []
        for start in stride(from: 0, to: records.count, by: 1_000) {
            let batch = RecordBatch(Array(records[start..<(start + 1_000)]))
            batch.withCells(of: 0) { cells in
                values.withWriter { writer in
                    bytesPath.run(over: cells, numbers: batch.numbers, kept: Array(0..<batch.count)[...], into: &writer, invalid: &batchInvalid)
                }
                bytesPath.checkUnique(values, raw: { slot in cells[slot].map { String(decoding: $0, as: UTF8.self) } ?? "" }, invalid: &batchInvalid)
            }
            values = ColumnValues(capacity: 0)
        }
        #expect(bytesPath.distinctCount == expected)
    }

    /// Reads random cells of `pool` (and missing ones) through the byte path and the text path, expecting the
    /// same values, errors, repairs and counts, and the evidence observing each cell on its own gives. Every
    /// other round draws from a handful of the pool's values, so repeats (read from a memo) are many.
    func checkShortcuts(column: TemplateColumn, pool: [String], sheet: SheetSpec, evidence: ColumnEvidence = ColumnEvidence()) throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            var bytesPath = try processor(column, sheet: sheet, evidence: evidence)
            var textPath = try processor(column, sheet: sheet, evidence: evidence)
            bytesPath.observe(from: evidence)
            var expectedEvidence = evidence
            let drawn = round.isMultiple(of: 2) ? pool : Array(pool.shuffled(using: &generator).prefix(5))
            var values = ColumnValues(capacity: 0)
            var expected: [String] = []
            var invalid: [(slot: Int, cell: InvalidCell)] = []
            var expectedInvalid: [InvalidCell] = []
            var records: [(Int, [String])] = []
            for number in 1...Int.random(in: 1...40, using: &generator) {
                let cell: String? = Int.random(in: 0..<12, using: &generator) == 0 ? nil : drawn.randomElement(using: &generator)!
                records.append((number, cell.map { [$0] } ?? []))
                expected.append(textPath.process(number: number, text: cell, invalid: &expectedInvalid))
                if var cell {
                    cell.withUTF8 { bytes in
                        expectedEvidence.observe(bytes: bytes, dates: bytesPath.watchesDates, numbers: bytesPath.watchesNumbers)
                    }
                }
            }
            // The batch's loop, as a lane runs it: a tile of records at a time (here two, split anywhere), slots
            // counted across tiles; a `unique` column's checks wait for the batch's end.
            let batch = RecordBatch(records)
            let kept = Array(0..<batch.count)
            let split = Int.random(in: 0...kept.count, using: &generator)
            batch.withCells(of: 0) { cells in
                for tile in [0..<split, split..<kept.count] {
                    values.withWriter { writer in
                        bytesPath.run(over: cells, numbers: batch.numbers, kept: kept[tile], into: &writer, invalid: &invalid)
                    }
                }
                bytesPath.checkUnique(values, raw: { slot in cells[slot].map { String(decoding: $0, as: UTF8.self) } ?? "" }, invalid: &invalid)
            }
            let read = (0..<values.count).map { index in values.withValue(index) { String(decoding: $0, as: UTF8.self) } }
            #expect(read == expected)
            #expect(invalid.map(\.cell) == expectedInvalid)
            #expect(bytesPath.failures == textPath.failures)
            #expect(bytesPath.heals == textPath.heals)
            #expect(bytesPath.filled == textPath.filled)
            #expect(bytesPath.distinctCount == textPath.distinctCount)
            #expect(bytesPath.evidence == expectedEvidence)
        }
    }
}
