/// Source records in one buffer: the text they were read from, with where each field starts and ends in
/// it, and where each record's fields end. The scanner keeps a chunk of the file as it is and marks its
/// fields (only a quoted field with doubled quotes, or one split across chunks, is copied on its own), and
/// the engine reads cells as byte ranges, so a record costs no `String` per field and no array of its own.
public struct RecordBatch: Sendable {
    /// The 1-based source number of each record.
    public private(set) var numbers: [Int] = []
    private(set) var bytes: [UInt8] = []
    /// Where every field starts and ends in `bytes`, all records' fields in order.
    private(set) var starts: [Int32] = []
    private(set) var ends: [Int32] = []
    /// End index in `starts`/`ends` of every record's fields.
    private(set) var recordEnds: [Int] = []
    /// The records whose first field does not start with a printable ASCII byte, in order: the only ones that
    /// can be blank. Noted as each record ends, while the scanner has just read its first bytes, so
    /// `forEachBlank` does not fetch every record's first bytes again (a cache miss each, once a 1 MiB batch
    /// is scanned: ~2 % of the engine's time).
    private var blankCandidates: [Int] = []
    /// The number of fields every record holds, when all hold the same (nearly every file): a column's cell
    /// is then found by arithmetic (`ColumnCells`), not through its record's end. `noRecords` before the first
    /// record ends, `mixedWidths` once two differ.
    private var commonWidth = noRecords
    private static let noRecords = -2
    private static let mixedWidths = -1

    public init() {}

    /// A batch of `records`, as a source that yields whole records hands them over.
    public init(_ records: [(number: Int, fields: [String])]) {
        for record in records { append(number: record.number, fields: record.fields) }
    }

    public var count: Int { numbers.count }
    public var isEmpty: Bool { numbers.isEmpty }

    /// The number of fields of record `record`.
    @inline(__always)
    public func width(_ record: Int) -> Int {
        recordEnds[record] - (record == 0 ? 0 : recordEnds[record - 1])
    }

    /// The byte range in `bytes` of field `field` of record `record`, nil past the record's last field.
    @inline(__always)
    func range(_ record: Int, _ field: Int) -> Range<Int>? {
        let index = (record == 0 ? 0 : recordEnds[record - 1]) + field
        guard index < recordEnds[record] else { return nil }
        return Int(starts[index])..<Int(ends[index])
    }

    /// Field `field` of record `record` as text ("" past the record's last field).
    public func field(_ record: Int, _ field: Int) -> String {
        guard let range = range(record, field) else { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The fields of record `record` as text.
    public func fields(_ record: Int) -> [String] {
        (0..<width(record)).map { field(record, $0) }
    }

    /// Calls `body` with every field of records `records`, in order: its position in its record and its
    /// bytes, read in place (valid only inside `body`).
    func forEachField(in records: Range<Int>, _ body: (_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            for record in records {
                let first = record == 0 ? 0 : recordEnds[record - 1]
                for index in first..<recordEnds[record] {
                    body(index - first, UnsafeBufferPointer(rebasing: bytes[Int(starts[index])..<Int(ends[index])]))
                }
            }
        }
    }

    /// Calls `body` with the index of each record of `records` whose fields are all empty once trimmed, in
    /// order. A record whose first field starts with a printable ASCII byte (nearly all) is not, and was
    /// left out as it ended (`blankCandidates`); only the others are read here.
    func forEachBlank(in records: Range<Int>, _ body: (Int) -> Void) {
        withCells(of: 0) { cells in
            for record in blankCandidates where records.contains(record) {
                let fields = (record == 0 ? 0 : cells.recordEnds[record - 1])..<cells.recordEnds[record]
                let blank = fields.allSatisfy { field in
                    ValueText.isBlank(UnsafeBufferPointer(rebasing: cells.bytes[Int(cells.starts[field])..<Int(cells.ends[field])]))
                }
                if blank { body(record) }
            }
        }
    }

    /// Appends a record given as text.
    public mutating func append(number: Int, fields: [String]) {
        for var field in fields { field.withUTF8 { appendField($0) } }
        endRecord(number: number)
    }

    /// Bytes of text held (records' fields, and text that is no field's).
    var textCount: Int { bytes.count }

    /// Makes room for `count` more bytes of text.
    mutating func reserveText(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Appends the text `chunk` (whose fields are then marked: `appendMarks`); returns where it starts in `bytes`.
    mutating func appendText(_ chunk: UnsafeBufferPointer<UInt8>) -> Int {
        let base = bytes.count
        precondition(base + chunk.count <= Int(Int32.max), "a record batch holds at most 2 GiB")
        bytes.append(contentsOf: chunk)
        return base
    }

    /// Makes room for `fields` more fields and `records` more records.
    mutating func reserveMarks(fields: Int, records: Int) {
        starts.reserveCapacity(starts.count + fields)
        ends.reserveCapacity(ends.count + fields)
        recordEnds.reserveCapacity(recordEnds.count + records)
        numbers.reserveCapacity(numbers.count + records)
    }

    /// The number of fields held, all records' (and a record in progress) together.
    var fieldCount: Int { starts.count }

    /// Bytes of text in its fields, all records' together (not counting text between them).
    var fieldBytes: Int {
        zip(starts, ends).reduce(0) { $0 + Int($1.1 - $1.0) }
    }

    /// Appends fields marked elsewhere (`FieldMarks`): `starts`/`ends` in `bytes`, in order, and the records
    /// they end — each record's end index among all fields, and its number.
    mutating func appendMarks(
        starts newStarts: UnsafeBufferPointer<Int32>, ends newEnds: UnsafeBufferPointer<Int32>,
        recordEnds newRecordEnds: UnsafeBufferPointer<Int>, numbers newNumbers: UnsafeBufferPointer<Int>, text: TextWindow
    ) {
        starts.append(contentsOf: newStarts)
        ends.append(contentsOf: newEnds)
        let firstNew = recordEnds.count
        recordEnds.append(contentsOf: newRecordEnds)
        numbers.append(contentsOf: newNumbers)
        for record in firstNew..<recordEnds.count { noteEnded(record, text: text) }
    }

    /// Text of the batch that is also at hand elsewhere: `bytes` are the batch's bytes from `start` on. The
    /// scanner reads a chunk where the caller holds it, not in the batch's copy of it (written a whole chunk
    /// earlier, so out of the core's nearer caches): a record's first byte is read there as it ends.
    struct TextWindow {
        let start: Int
        let bytes: UnsafeBufferPointer<UInt8>

        static var none: TextWindow { TextWindow(start: 0, bytes: UnsafeBufferPointer(start: nil, count: 0)) }
    }

    /// Notes what record `record` (just ended) means for `commonWidth`, and notes it among `blankCandidates`
    /// unless its first field starts with a printable ASCII byte.
    @inline(__always)
    private mutating func noteEnded(_ record: Int, text: TextWindow = .none) {
        let first = record == 0 ? 0 : recordEnds[record - 1]
        let width = recordEnds[record] - first
        if commonWidth != width { commonWidth = commonWidth == Self.noRecords ? width : Self.mixedWidths }
        if first < recordEnds[record] {
            let start = Int(starts[first])
            if start < Int(ends[first]) {
                let inWindow = start - text.start
                let byte = inWindow >= 0 && inWindow < text.bytes.count ? text.bytes[inWindow] : bytes[start]
                if ValueText.isSolidASCII(byte) { return }
            }
        }
        blankCandidates.append(record)
    }

    /// Marks `bytes[start..<end]` as the next field of the record being written.
    @inline(__always)
    private mutating func markField(_ start: Int, _ end: Int) {
        starts.append(Int32(truncatingIfNeeded: start))
        ends.append(Int32(truncatingIfNeeded: end))
    }

    /// Appends one field's bytes to the record being written.
    mutating func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        let start = appendText(field)
        markField(start, bytes.count)
    }

    /// Ends the record whose fields were added since the last one ended, numbering it `number`.
    mutating func endRecord(number: Int) {
        recordEnds.append(starts.count)
        numbers.append(number)
        noteEnded(recordEnds.count - 1)
    }

    /// Fields added since the last record ended.
    var pendingFields: Int { starts.count - (recordEnds.last ?? 0) }

    /// Moves the fields added since the last record ended into `other` (which holds no record of its own).
    mutating func movePendingFields(to other: inout RecordBatch) {
        let first = recordEnds.last ?? 0
        other.appendFields(first..<starts.count, of: self)
        starts.removeSubrange(first...)
        ends.removeSubrange(first...)
    }

    /// Appends the fields `other` holds past its last record (a record in progress) to the record being written.
    mutating func appendPendingFields(of other: RecordBatch) {
        appendFields((other.recordEnds.last ?? 0)..<other.starts.count, of: other)
    }

    /// Appends record `record` of `other`.
    mutating func append(_ record: Int, of other: RecordBatch) {
        appendFields((record == 0 ? 0 : other.recordEnds[record - 1])..<other.recordEnds[record], of: other)
        endRecord(number: other.numbers[record])
    }

    /// Appends fields `indices` (in field order, across records) of `other` to the record being written.
    private mutating func appendFields(_ indices: Range<Int>, of other: RecordBatch) {
        other.bytes.withUnsafeBufferPointer { bytes in
            for index in indices {
                appendField(UnsafeBufferPointer(rebasing: bytes[Int(other.starts[index])..<Int(other.ends[index])]))
            }
        }
    }

    /// Adds `offset` to every record's number.
    mutating func renumber(by offset: Int) {
        for index in numbers.indices { numbers[index] += offset }
    }

    /// The records from `start` on.
    func suffix(from start: Int) -> RecordBatch {
        guard start > 0 else { return self }
        var rest = RecordBatch()
        for record in start..<count { rest.append(record, of: self) }
        return rest
    }

    public mutating func removeAll(keepingCapacity: Bool = false) {
        numbers.removeAll(keepingCapacity: keepingCapacity)
        bytes.removeAll(keepingCapacity: keepingCapacity)
        starts.removeAll(keepingCapacity: keepingCapacity)
        ends.removeAll(keepingCapacity: keepingCapacity)
        recordEnds.removeAll(keepingCapacity: keepingCapacity)
        blankCandidates.removeAll(keepingCapacity: keepingCapacity)
        commonWidth = Self.noRecords
    }

    /// The cells of one source column, read in place: `cells[record]` is the bytes of record `record`'s cell
    /// (nil when the record is too short to have one), valid while the batch is.
    struct ColumnCells {
        let field: Int
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int32>
        let ends: UnsafeBufferPointer<Int32>
        let recordEnds: UnsafeBufferPointer<Int>
        /// The batch's `commonWidth`.
        let commonWidth: Int

        @inline(__always)
        subscript(record: Int) -> UnsafeBufferPointer<UInt8>? {
            let index: Int
            if commonWidth >= 0 {
                // Every record has `commonWidth` fields, in order: no record's end to look up.
                guard field < commonWidth else { return nil }
                index = record &* commonWidth &+ field
            } else {
                index = (record == 0 ? 0 : recordEnds[record - 1]) + field
                guard index < recordEnds[record] else { return nil }
            }
            return UnsafeBufferPointer(rebasing: bytes[Int(starts[index])..<Int(ends[index])])
        }
    }

    /// Calls `body` with the cells of source column `field`.
    @inline(__always)
    func withCells<Result>(of field: Int, _ body: (ColumnCells) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try starts.withUnsafeBufferPointer { starts in
                try ends.withUnsafeBufferPointer { ends in
                    try recordEnds.withUnsafeBufferPointer { recordEnds in
                        try body(ColumnCells(field: field, bytes: bytes, starts: starts, ends: ends, recordEnds: recordEnds, commonWidth: commonWidth))
                    }
                }
            }
        }
    }
}
