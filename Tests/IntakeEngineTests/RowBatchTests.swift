import IntakeDomain
import Testing

@testable import IntakeEngine

/// Rows handed to a sink in one buffer read back as the rows they were, and encode as the CSV writer writes.
@Suite struct RowBatchTests {
    @Test func rowsReadBackAndEncodeAsTheWriterWrites() {
        let pool = ["", "plain", "a,b", "say \"hi\"", "=SUM(A1)", "-12.5", "+14155550100", "multi\nline", "é", " padded "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let width = Int.random(in: 1...5, using: &generator)
            let rows = (0..<Int.random(in: 0...20, using: &generator)).map { index in
                ProcessedRow(
                    number: index + 1,
                    values: (0..<width).map { _ in pool.randomElement(using: &generator)! },
                    invalidCells: Bool.random(using: &generator)
                        ? [InvalidCell(sheet: "s", row: index + 1, column: "c", value: "v", code: .typeError, message: "m")] : []
                )
            }
            let batch = RowBatch(width: width, rows: rows)
            #expect(batch.rows == rows)
            #expect((0..<batch.count).map(batch.isInvalid) == rows.map(\.isInvalid))
            for (index, row) in rows.enumerated() {
                var record: [UInt8] = []
                batch.appendRecord(index, to: &record)
                #expect(String(decoding: record, as: UTF8.self) == CSVRecordWriter.record(row.values))
                // Written in place into exactly the room the writer asks for, and not a byte past what it says.
                batch.withRecordWriter { records in
                    let room = records.maximumCount(index)
                    var output = [UInt8](repeating: 0xEE, count: room + 8)
                    let written = output.withUnsafeMutableBytes { records.write(index, to: UnsafeMutableRawBufferPointer(rebasing: $0[..<room])) }
                    #expect(Array(output[..<written]) == record)
                    #expect(output[written...].allSatisfy { $0 == 0xEE })
                }
            }
            var joined = RowBatch(width: width, rows: Array(rows.prefix(3)))
            joined.append(contentsOf: RowBatch(width: width, rows: Array(rows.dropFirst(3))))
            #expect(joined.rows == rows)
        }
    }
}
