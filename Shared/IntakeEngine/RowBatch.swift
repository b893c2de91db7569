import IntakeDomain

/// Rows of one sheet after normalisation, in one buffer: each row's canonical values (template column
/// order; an invalid cell keeps its trimmed source value) as UTF-8 bytes back to back, and its invalid
/// cells. What the engine hands a `RowSink`: encoding a row for storage reads its bytes, no `String`.
public struct RowBatch: Sendable, Equatable {
    /// Values per row.
    public let width: Int
    /// The 1-based source record number of each row.
    public private(set) var numbers: [Int] = []
    private(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of every value, row after row.
    private(set) var valueEnds: [Int] = []
    /// The invalid cells of every row, in row order.
    public private(set) var invalidCells: [InvalidCell] = []
    /// End index in `invalidCells` of every row's cells.
    private var cellEnds: [Int] = []

    public init(width: Int) {
        self.width = width
    }

    /// A batch of `rows`, each `width` values wide.
    public init(width: Int, rows: [ProcessedRow]) {
        self.width = width
        for row in rows {
            precondition(row.values.count == width, "a row of \(row.values.count) values in a batch \(width) wide")
            for var value in row.values { value.withUTF8 { appendValue($0) } }
            endRow(number: row.number, invalid: row.invalidCells)
        }
    }

    public var count: Int { numbers.count }
    public var isEmpty: Bool { numbers.isEmpty }

    /// Whether row `row` has an invalid cell.
    public func isInvalid(_ row: Int) -> Bool {
        cellEnds[row] > (row == 0 ? 0 : cellEnds[row - 1])
    }

    /// The invalid cells of row `row`.
    public func invalidCells(_ row: Int) -> ArraySlice<InvalidCell> {
        invalidCells[(row == 0 ? 0 : cellEnds[row - 1])..<cellEnds[row]]
    }

    /// The value of column `column` in row `row`.
    public func value(_ row: Int, _ column: Int) -> String {
        let index = row * width + column
        let start = index == 0 ? 0 : valueEnds[index - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<valueEnds[index]]), as: UTF8.self) }
    }

    /// Row `row` as a value.
    public func row(_ row: Int) -> ProcessedRow {
        ProcessedRow(number: numbers[row], values: (0..<width).map { value(row, $0) }, invalidCells: Array(invalidCells(row)))
    }

    /// Every row as a value.
    public var rows: [ProcessedRow] { (0..<count).map(row) }

    /// Appends row `row` as one RFC 4180 record (without the line terminator), as `CSVRecordWriter` writes it.
    public func appendRecord(_ row: Int, to output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { bytes in
            var index = row * width
            var start = index == 0 ? 0 : valueEnds[index - 1]
            for column in 0..<width {
                if column > 0 { output.append(UInt8(ascii: ",")) }
                let end = valueEnds[index]
                CSVRecordWriter.appendField(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &output)
                start = end
                index += 1
            }
        }
    }

    /// Appends one value of the row being written.
    @inline(__always)
    mutating func appendValue(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        valueEnds.append(bytes.count)
    }

    /// Ends the row whose `width` values were appended since the last one ended.
    mutating func endRow(number: Int, invalid: some Sequence<InvalidCell>) {
        precondition(valueEnds.count == (numbers.count + 1) * width, "a row must have \(width) values")
        invalidCells.append(contentsOf: invalid)
        cellEnds.append(invalidCells.count)
        numbers.append(number)
    }

    /// Appends the rows of `other`.
    mutating func append(contentsOf other: RowBatch) {
        precondition(other.width == width, "batches of different widths")
        for row in 0..<other.count {
            other.bytes.withUnsafeBufferPointer { bytes in
                var index = row * width
                var start = index == 0 ? 0 : other.valueEnds[index - 1]
                for _ in 0..<width {
                    let end = other.valueEnds[index]
                    appendValue(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                    index += 1
                }
            }
            endRow(number: other.numbers[row], invalid: other.invalidCells(row))
        }
    }
}

/// One column's canonical values for a batch of rows, back to back.
struct ColumnValues: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []

    init(capacity: Int) {
        ends.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 8)
    }

    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
    }

    @inline(__always)
    mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { append($0) }
    }

    /// Appends `value` with each byte mapped by `transform`.
    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>, mappedBy transform: (UInt8) -> UInt8) {
        for byte in value { bytes.append(transform(byte)) }
        ends.append(bytes.count)
    }

    /// Appends a value written straight into the buffer: `write` gets room for `capacity` bytes and returns
    /// how many it wrote; nil appends nothing.
    @inline(__always)
    mutating func append(capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int?) -> Bool {
        let start = bytes.count
        var written: Int?
        bytes.append(contentsOf: repeatElement(0, count: capacity))
        bytes.withUnsafeMutableBufferPointer { buffer in
            written = write(UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + capacity)]))
        }
        guard let written else {
            bytes.removeSubrange(start...)
            return false
        }
        bytes.removeSubrange((start + written)...)
        ends.append(bytes.count)
        return true
    }

    /// The last value appended.
    @inline(__always)
    func withLast<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = ends.count > 1 ? ends[ends.count - 2] : 0
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[ends.count - 1]])) }
    }
}
