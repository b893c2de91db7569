/// Writes the rows of a `RowBatch` as RFC 4180 records (fields written by `CSVRecordWriter.writeField`)
/// straight into memory the caller provides, with every column's buffers pinned once for the whole batch: a
/// record costs no array growth, no reference counting and no copy beyond its values' bytes. Valid only
/// inside `RowBatch.withRecordWriter`.
public struct RowRecordWriter {
    struct Column {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        @inline(__always)
        func value(_ row: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(row == 0 ? 0 : ends[row - 1])..<ends[row]])
        }
    }

    let columns: [Column]

    /// The most bytes row `row`'s record can take: each value's longest field and a comma.
    @inline(__always)
    public func maximumCount(_ row: Int) -> Int {
        var total = 0
        for column in columns { total &+= column.ends[row] &- (row == 0 ? 0 : column.ends[row - 1]) }
        return CSVRecordWriter.maximumCount(ofField: total) + columns.count * 4
    }

    /// Writes row `row`'s record (without a line end) at the start of `output`, which must hold at least
    /// `maximumCount(row)` bytes; returns the number of bytes written.
    @inline(__always)
    public func write(_ row: Int, to output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= maximumCount(row), "room for the longest record row \(row) can take")
        guard let base = output.baseAddress else { return 0 }
        var at = 0
        for index in columns.indices {
            if index > 0 {
                base.storeBytes(of: UInt8(ascii: ","), toByteOffset: at, as: UInt8.self)
                at &+= 1
            }
            at &+= CSVRecordWriter.writeField(columns[index].value(row), to: base + at)
        }
        return at
    }

    /// Appends row `row`'s record (without a line end) to `output`.
    public func append(_ row: Int, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: maximumCount(row)))
        let written = output.withUnsafeMutableBytes { write(row, to: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        output.removeSubrange((start + written)...)
    }
}
