import IntakeDomain

/// Rows of one sheet after normalisation, kept as their columns: each template column's canonical values
/// (an invalid cell keeps its trimmed source value) as UTF-8 bytes back to back, exactly as the columns wrote
/// them, and each row's invalid cells. What the engine hands a `RowSink`: encoding a row for storage reads
/// its values' bytes, no `String`, and putting rows together copies nothing.
public struct RowBatch: Sendable, Equatable {
    /// Values per row.
    public let width: Int
    /// The 1-based source record number of each row.
    public private(set) var numbers: [Int] = []
    /// The values of each template column, one per row.
    private(set) var columns: [ColumnValues]
    /// The invalid cells of every row, in row order.
    public private(set) var invalidCells: [InvalidCell] = []
    /// End index in `invalidCells` of every row's cells.
    private var cellEnds: [Int] = []

    public init(width: Int) {
        self.width = width
        columns = [ColumnValues](repeating: ColumnValues(capacity: 0), count: width)
    }

    /// A batch of `rows`, each `width` values wide.
    public init(width: Int, rows: [ProcessedRow]) {
        self.init(width: width)
        for row in rows {
            precondition(row.values.count == width, "a row of \(row.values.count) values in a batch \(width) wide")
            for (column, value) in row.values.enumerated() { columns[column].append(value) }
            endRow(number: row.number, invalid: row.invalidCells)
        }
    }

    /// Rows from the values `columns` hold (as many in each), numbered and invalid cells added by `endRow`;
    /// room made for `rows` of them.
    init(columns: [ColumnValues], reserving rows: Int = 0) {
        self.width = columns.count
        self.columns = columns
        numbers.reserveCapacity(rows)
        cellEnds.reserveCapacity(rows)
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
        columns[column].withValue(row) { String(decoding: $0, as: UTF8.self) }
    }

    /// Row `row` as a value.
    public func row(_ row: Int) -> ProcessedRow {
        ProcessedRow(number: numbers[row], values: (0..<width).map { value(row, $0) }, invalidCells: Array(invalidCells(row)))
    }

    /// Every row as a value.
    public var rows: [ProcessedRow] { (0..<count).map(row) }

    /// Appends row `row` as one RFC 4180 record (without the line terminator), as `CSVRecordWriter` writes it.
    public func appendRecord(_ row: Int, to output: inout [UInt8]) {
        withRecordWriter { $0.append(row, to: &output) }
    }

    /// Calls `body` with a writer of this batch's rows as CSV records, every column's buffers pinned once.
    public func withRecordWriter<Result>(_ body: (RowRecordWriter) throws -> Result) rethrows -> Result {
        var pinned: [RowRecordWriter.Column] = []
        pinned.reserveCapacity(width)
        return try Self.pin(columns[...], into: &pinned) { try body(RowRecordWriter(columns: $0)) }
    }

    /// Pins the buffers of each of `columns` in turn (one closure inside the next), then calls `body`.
    private static func pin<Result>(
        _ columns: ArraySlice<ColumnValues>, into pinned: inout [RowRecordWriter.Column],
        _ body: ([RowRecordWriter.Column]) throws -> Result
    ) rethrows -> Result {
        guard let first = columns.first else { return try body(pinned) }
        return try first.withBuffers { bytes, ends in
            pinned.append(RowRecordWriter.Column(bytes: bytes, ends: ends))
            return try pin(columns.dropFirst(), into: &pinned, body)
        }
    }

    /// Ends the next row (its values already in the columns), numbering it `number`.
    mutating func endRow(number: Int, invalid: some Collection<InvalidCell>) {
        if !invalid.isEmpty { invalidCells.append(contentsOf: invalid) }
        cellEnds.append(invalidCells.count)
        numbers.append(number)
        assert(columns.allSatisfy { $0.count >= numbers.count }, "every column must hold a value for every row")
    }

    /// Appends the rows of `other`.
    mutating func append(contentsOf other: RowBatch) {
        precondition(other.width == width, "batches of different widths")
        for column in 0..<width { columns[column].append(contentsOf: other.columns[column]) }
        for row in 0..<other.count { endRow(number: other.numbers[row], invalid: other.invalidCells(row)) }
    }
}
