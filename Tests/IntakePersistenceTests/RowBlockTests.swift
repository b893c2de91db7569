import IntakePersistence
import NIOCore
import Testing

@Suite struct RowBlockTests {
    @Test func rowsComeBackAsWrittenWithTheirCounts() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let alphabet: [String] = ["a", ",", "\"", "\r\n", "\t", "\\", "é", "😀", "\u{0}", " "]
            var number = Int.random(in: 1...Int(Int32.max) * 4, using: &generator)
            let rows = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                number += Int.random(in: 1...3, using: &generator)
                return (number: number, invalid: Bool.random(using: &generator),
                        record: (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
            }
            var block = RowBlock(sheet: "s", index: 3)
            for row in rows { block.append(number: row.number, invalid: row.invalid) { $0.writeString(row.record) } }
            #expect(block.rowCount == rows.count)
            #expect(block.invalidCount == rows.filter(\.invalid).count)
            if let first = rows.first, let last = rows.last {
                #expect(block.firstRow == first.number)
                #expect(block.lastRow == last.number)
            }
            var read: [(Int, Bool, String)] = []
            try RowBlock.forEachRow(in: block.data) { number, invalid, record in read.append((number, invalid, String(decoding: record, as: UTF8.self))) }
            #expect(read.map(\.0) == rows.map(\.number))
            #expect(read.map(\.1) == rows.map(\.invalid))
            #expect(read.map(\.2) == rows.map(\.record))
        }
    }

    @Test func aBlockCutInsideARowIsRefused() throws {
        var block = RowBlock(sheet: "s", index: 0)
        block.append(number: 1, invalid: false) { $0.writeString("first") }
        block.append(number: 2, invalid: true) { $0.writeString("second") }
        for cut in [1, 9, 13, 17] {
            let data = block.data.getSlice(at: 0, length: block.data.readableBytes - cut)!
            var seen = 0
            #expect(throws: CorruptRowBlock.self) { try RowBlock.forEachRow(in: data) { _, _, _ in seen += 1 } }
            #expect(seen == 1, "the whole first row is still read")
        }
    }
}
