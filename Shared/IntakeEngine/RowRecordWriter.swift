/// Writes the rows of a `RowBatch` as RFC 4180 records (as `CSVRecordWriter` writes them) straight into
/// memory the caller provides, with every column's buffers pinned once for the whole batch: a record costs
/// no array growth, no reference counting and no copy beyond its values' bytes. Valid only inside
/// `RowBatch.withRecordWriter`.
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

    /// The most bytes row `row`'s record can take: each value's bytes twice (every one a doubled quote),
    /// its two quotes, an apostrophe and a comma.
    @inline(__always)
    public func maximumCount(_ row: Int) -> Int {
        var total = 0
        for column in columns { total &+= column.ends[row] &- (row == 0 ? 0 : column.ends[row - 1]) }
        return total * 2 + columns.count * 4
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
            let value = columns[index].value(row)
            let neutralised = CSVRecordWriter.needsNeutralising(value)
            if !neutralised, let written = Self.copyPlain(value, to: base + at) {
                at &+= written
                continue
            }
            var quoted = false
            for byte in value where CSVRecordWriter.needsQuotes(byte) {
                quoted = true
                break
            }
            if quoted {
                base.storeBytes(of: UInt8(ascii: "\""), toByteOffset: at, as: UInt8.self)
                at &+= 1
            }
            if neutralised {
                base.storeBytes(of: UInt8(ascii: "'"), toByteOffset: at, as: UInt8.self)
                at &+= 1
            }
            for byte in value {
                if byte == UInt8(ascii: "\"") {
                    base.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
                    at &+= 1
                }
                base.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
                at &+= 1
            }
            if quoted {
                base.storeBytes(of: UInt8(ascii: "\""), toByteOffset: at, as: UInt8.self)
                at &+= 1
            }
        }
        return at
    }

    /// Copies `value` to `output` when it needs no quotes (no comma, quote or line break), eight bytes a step
    /// where it can; nil (what was copied to be overwritten) when it does.
    @inline(__always)
    private static func copyPlain(_ value: UnsafeBufferPointer<UInt8>, to output: UnsafeMutableRawPointer) -> Int? {
        guard let source = UnsafeRawPointer(value.baseAddress) else { return 0 }
        let count = value.count
        var index = 0
        let commas = ByteLanes.broadcast(UInt8(ascii: ",")), quotes = ByteLanes.broadcast(UInt8(ascii: "\""))
        let lineFeeds = ByteLanes.broadcast(UInt8(ascii: "\n")), returns = ByteLanes.broadcast(UInt8(ascii: "\r"))
        while index + 8 <= count {
            let word = ByteLanes.load(source, index)
            if ByteLanes.zeroLanes(word ^ commas) | ByteLanes.zeroLanes(word ^ quotes)
                | ByteLanes.zeroLanes(word ^ lineFeeds) | ByteLanes.zeroLanes(word ^ returns) != 0 { return nil }
            output.storeBytes(of: word.littleEndian, toByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < count {
            let byte = value[index]
            if CSVRecordWriter.needsQuotes(byte) { return nil }
            output.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            index &+= 1
        }
        return count
    }

    /// Appends row `row`'s record (without a line end) to `output`.
    public func append(_ row: Int, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: maximumCount(row)))
        let written = output.withUnsafeMutableBytes { write(row, to: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        output.removeSubrange((start + written)...)
    }
}
