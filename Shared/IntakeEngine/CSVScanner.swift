/// A byte-level, incremental RFC 4180 reader: feed it UTF-8 bytes in any chunking, get whole records back.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; records end at LF, CRLF or a lone CR.
/// Memory holds one record at a time, whatever the file size. Fields are found 64 bytes a step (`ByteBlock`)
/// and marked where they lie in the chunk, quoted ones too; a byte loop reads what the blocks leave (a quoted
/// field with doubled quotes or text after its closing quote, a chunk's last bytes), and only a field split
/// across chunks, one with doubled quotes, or one with text after its closing quote is copied on the way.
public struct CSVScanner: Sendable {
    enum State: Sendable {
        case fieldStart
        case unquoted
        case quoted
        case quoteInQuoted
        case afterCarriageReturn
    }

    public let delimiter: UInt8
    private var state: State = .fieldStart
    /// Bytes of a field split across chunks (or holding doubled quotes), until it ends.
    private var field: [UInt8] = []
    /// The fields of a record still in progress when the last chunk ended, until it ends.
    private var carry = RecordBatch()
    /// Records completed so far (1-based numbering of the next one is `recordCount + 1`).
    public private(set) var recordCount = 0
    /// Bytes fed so far, and fields marked in the batches they were fed into (to size the next batch's marks).
    private var bytesRead = 0
    private var fieldsRead = 0

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
        field.reserveCapacity(64)
    }

    /// Consumes `bytes`, calling `emit` for every record they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>, emit: ([String]) throws -> Void) rethrows {
        var batch = RecordBatch()
        feed(bytes, into: &batch)
        for index in 0..<batch.count { try emit(batch.fields(index)) }
    }

    /// Consumes `bytes`, appending every record they complete to `batch` (numbered from 1 in file order).
    public mutating func feed(_ bytes: some Sequence<UInt8>, into batch: inout RecordBatch) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ feed(buffer: $0, into: &batch) }) {
            return done
        }
        let copy = Array(bytes)
        copy.withUnsafeBufferPointer { feed(buffer: $0, into: &batch) }
    }

    /// Consumes the bytes of `buffer`, appending every record they complete to `batch`.
    public mutating func feed(buffer: UnsafeBufferPointer<UInt8>, into batch: inout RecordBatch) {
        // Room for the chunk, the record carried over and the quoted fields copied after them; and for as many
        // fields and records as the text read so far held per byte (a tenth more), so a fresh batch's marks
        // are not grown, and copied, a doubling at a time.
        batch.reserveText(buffer.count + buffer.count / 4 + carry.textCount)
        if bytesRead > 0 {
            let fields = fieldsRead * buffer.count / bytesRead
            let records = recordCount * buffer.count / bytesRead
            batch.reserveMarks(fields: fields + fields / 10 + carry.fieldCount + 16, records: records + records / 10 + 4)
        }
        let fieldsBefore = batch.fieldCount - batch.pendingFields
        defer {
            bytesRead += buffer.count
            fieldsRead += batch.fieldCount - fieldsBefore
        }
        let base = batch.appendText(buffer)
        if carry.pendingFields > 0 {
            batch.appendPendingFields(of: carry)
            carry.removeAll(keepingCapacity: true)
        }
        FieldMarks.with(&batch, text: RecordBatch.TextWindow(start: base, bytes: buffer)) { batch, marks in
            scan(buffer, at: base, into: &batch, marks: &marks)
        }
        batch.movePendingFields(to: &carry)
    }

    /// Reads `buffer` (its text at `base` in `batch`), marking fields and records through `marks`.
    private mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, at base: Int, into batch: inout RecordBatch, marks: inout FieldMarks) {
        let count = buffer.count
        var index = 0
        // A quoted field's text seen so far in this chunk, not yet copied: `quotedStart..<quotedEnd`.
        var quotedStart = -1
        var quotedEnd = 0
        defer {
            // The chunk ends inside a quoted field: keep its text so far.
            if quotedStart >= 0 { field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[quotedStart..<quotedEnd])) }
        }
        while index < count {
            switch state {
            case .afterCarriageReturn:
                state = .fieldStart
                if buffer[index] == Self.lineFeed { index += 1 }
            case .fieldStart, .unquoted:
                // Field after field, as long as none is quoted: the common case, without leaving this loop.
                while true {
                    if state == .fieldStart {
                        if count - index >= ByteBlock.size {
                            index = scanBlocks(buffer, at: base, from: index, into: &batch, marks: &marks)
                            if state == .afterCarriageReturn { break }
                        }
                        guard index < count else { return }
                        if buffer[index] == Self.quote {
                            state = .quoted
                            index += 1
                            if field.isEmpty { (quotedStart, quotedEnd) = (index, index) }
                            break
                        }
                        state = .unquoted
                    }
                    let start = index
                    index = nextSpecial(in: buffer, from: index)
                    if index == count {
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                        return
                    }
                    finishField(buffer, base, start, index, into: &batch, marks: &marks)
                    separated(by: buffer[index], into: &batch, marks: &marks)
                    index += 1
                    if state == .afterCarriageReturn { break }
                }
            case .quoted:
                let start = index
                while index < count, buffer[index] != Self.quote { index += 1 }
                if quotedStart >= 0 {
                    quotedEnd = index
                } else {
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                }
                if index < count {
                    state = .quoteInQuoted
                    index += 1
                }
            case .quoteInQuoted:
                let byte = buffer[index]
                if quotedStart >= 0 {
                    if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn {
                        // A quoted field without doubled quotes, ended: marked where it lies.
                        marks.mark(base + quotedStart, base + quotedEnd, into: &batch)
                        quotedStart = -1
                        separated(by: byte, into: &batch, marks: &marks)
                        index += 1
                        continue
                    }
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[quotedStart..<quotedEnd]))
                    quotedStart = -1
                }
                if byte == Self.quote {
                    field.append(Self.quote)
                    state = .quoted
                    index += 1
                } else {
                    state = .unquoted
                }
            }
        }
    }

    /// Marks fields from `index` (a field's start, nothing held) 64 bytes a step, by the set bits of each
    /// block's masks (`ByteBlock`): a field ends at the next separator outside quotes, a line break ends the
    /// record, and the line feed of a CRLF ends nothing. Which separators lie inside quotes is the parity of
    /// the quotes before them, which holds only where every quote opens a field or closes one (followed by a
    /// separator); a block is read up to its first quote that does neither (a doubled quote, text after a
    /// closing quote, a quote inside an unquoted field), and the byte loop reads that field.
    ///
    /// Returns where it stopped, with the state for what follows: at a field the byte loop must read, at the
    /// start of the field under way when its end is not within whole blocks, or past a carriage return that
    /// ends the chunk.
    @inline(__always)
    private mutating func scanBlocks(
        _ buffer: UnsafeBufferPointer<UInt8>, at base: Int, from index: Int, into batch: inout RecordBatch, marks: inout FieldMarks
    ) -> Int {
        guard let bytes = buffer.baseAddress else { return index }
        let count = buffer.count
        let delimiter = delimiter
        // Worked on as a local: through `marks` itself, its counts were reloaded after every mark stored.
        var local = marks
        defer { marks = local }
        var fieldStart = index
        var position = index
        // All ones when the next block starts inside quotes.
        var carryInside: UInt64 = 0
        // 1 when the next block's first byte starts a field.
        var startsField: UInt64 = 1
        // Whether the last block's last byte closed a quoted field, which a separator must then follow.
        var closedLast = false
        while position + ByteBlock.size <= count {
            let block = ByteBlock(bytes + position, delimiter: delimiter)
            let inside = block.inside(carry: carryInside)
            let ends = block.separators & ~inside
            if closedLast, ends & 1 == 0 { return fieldStart }
            // Every quote must open a field (stand at its start) or close one (a separator following).
            let starts = ends << 1 | startsField
            let opening = block.quotes & inside
            let closing = block.quotes & ~inside
            let stray = opening & ~starts | closing & ~(ends >> 1) & ~(1 << 63)
            var fieldEnds = ends
            // Only the ends before the first stray quote: its field and those after are left to the byte loop.
            if stray != 0 { fieldEnds &= (stray & (0 &- stray)) &- 1 }
            while fieldEnds != 0 {
                let bit = fieldEnds.trailingZeroBitCount
                fieldEnds &= fieldEnds &- 1
                let end = position + bit
                // The line feed of a CRLF, already passed.
                if end < fieldStart { continue }
                let quoted = fieldStart >= position ? block.quotes >> UInt64(fieldStart - position) & 1 != 0 : bytes[fieldStart] == Self.quote
                if quoted {
                    local.mark(base + fieldStart + 1, base + end - 1, into: &batch)
                } else {
                    local.mark(base + fieldStart, base + end, into: &batch)
                }
                fieldStart = end + 1
                if block.lineBreaks >> UInt64(bit) & 1 != 0 {
                    endRecord(into: &batch, marks: &local)
                    if block.carriageReturns >> UInt64(bit) & 1 != 0 {
                        guard fieldStart < count else {
                            state = .afterCarriageReturn
                            return count
                        }
                        if bytes[fieldStart] == Self.lineFeed { fieldStart += 1 }
                    }
                }
            }
            if stray != 0 { return fieldStart }
            closedLast = closing >> 63 != 0
            carryInside = 0 &- (inside >> 63)
            startsField = ends >> 63
            position += ByteBlock.size
        }
        return fieldStart
    }

    /// The index of the first delimiter, line feed or carriage return in `buffer` from `index` on (`buffer.count`
    /// when there is none), eight bytes a step (`ByteLanes`).
    @inline(__always)
    private func nextSpecial(in buffer: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        let count = buffer.count
        var index = index
        if let base = UnsafeRawPointer(buffer.baseAddress) {
            let delimiters = ByteLanes.broadcast(delimiter)
            let lineFeeds = ByteLanes.broadcast(Self.lineFeed)
            let returns = ByteLanes.broadcast(Self.carriageReturn)
            while index + 8 <= count {
                let word = ByteLanes.load(base, index)
                let marks = ByteLanes.zeroLanes(word ^ delimiters) | ByteLanes.zeroLanes(word ^ lineFeeds) | ByteLanes.zeroLanes(word ^ returns)
                if marks != 0 { return index + ByteLanes.firstLane(marks) }
                index += 8
            }
        }
        while index < count {
            let byte = buffer[index]
            if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { return index }
            index += 1
        }
        return count
    }

    /// Completes the last record when the input does not end with a line break.
    public mutating func finish(emit: ([String]) throws -> Void) rethrows {
        var batch = RecordBatch()
        finish(into: &batch)
        for index in 0..<batch.count { try emit(batch.fields(index)) }
    }

    /// Completes the last record, into `batch`, when the input does not end with a line break.
    public mutating func finish(into batch: inout RecordBatch) {
        switch state {
        case .fieldStart where carry.pendingFields == 0, .afterCarriageReturn:
            return
        default:
            batch.appendPendingFields(of: carry)
            carry.removeAll(keepingCapacity: true)
            FieldMarks.with(&batch) { batch, marks in
                finishField(nil, 0, 0, 0, into: &batch, marks: &marks)
                endRecord(into: &batch, marks: &marks)
            }
            state = .fieldStart
        }
    }

    /// Ends the current field with the bytes held so far plus `buffer[start..<end]` (the buffer's text starts
    /// at `base` in the batch): marked where it lies when nothing is held, else copied into the batch.
    @inline(__always)
    private mutating func finishField(
        _ buffer: UnsafeBufferPointer<UInt8>?, _ base: Int, _ start: Int, _ end: Int, into batch: inout RecordBatch, marks: inout FieldMarks
    ) {
        if field.isEmpty, buffer != nil {
            marks.mark(base + start, base + end, into: &batch)
            return
        }
        if let buffer, start < end { field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end])) }
        let copied = field.withUnsafeBufferPointer { batch.appendText($0) }
        marks.mark(copied, batch.textCount, into: &batch)
        field.removeAll(keepingCapacity: true)
    }

    /// After the delimiter or line break `byte` that ended a field: ends the record at a line break, and
    /// sets the state for what follows.
    @inline(__always)
    private mutating func separated(by byte: UInt8, into batch: inout RecordBatch, marks: inout FieldMarks) {
        state = .fieldStart
        guard byte != delimiter else { return }
        endRecord(into: &batch, marks: &marks)
        if byte == Self.carriageReturn { state = .afterCarriageReturn }
    }

    @inline(__always)
    private mutating func endRecord(into batch: inout RecordBatch, marks: inout FieldMarks) {
        recordCount += 1
        marks.endRecord(number: recordCount, into: &batch)
    }
}

/// The fields and records a scan marks, held in small fixed buffers and handed to the batch up to 96 fields and
/// 16 records at a time: marked one by one into the batch's arrays, each field cost two appends, each with a
/// uniqueness and a capacity check (a tenth of the scanner's time).
struct FieldMarks {
    private let starts: UnsafeMutablePointer<Int32>
    private let ends: UnsafeMutablePointer<Int32>
    private let recordEnds: UnsafeMutablePointer<Int>
    private let numbers: UnsafeMutablePointer<Int>
    private var fields = 0
    private var records = 0
    /// Fields the batch held when these buffers were last handed over.
    private var handedFields: Int
    /// The chunk being scanned, where the batch's copy of it starts: the batch reads a record's first byte
    /// there as it takes the record (`RecordBatch.appendMarks`).
    private let text: RecordBatch.TextWindow

    /// Small enough that both buffers (1 KiB) are taken from the stack: on the heap, they upset how the
    /// allocator reuses the batches' freed memory (a chunk's arrays then faulted in fresh pages: ~2× slower).
    static let fieldCapacity = 96
    static let recordCapacity = 16

    /// Calls `body` with `batch` and empty marks for it (the batch must take no fields any other way
    /// meanwhile), then hands what is still held to the batch.
    @inline(__always)
    static func with(_ batch: inout RecordBatch, text: RecordBatch.TextWindow = .none, _ body: (inout RecordBatch, inout FieldMarks) -> Void) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * fieldCapacity) { fields in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * recordCapacity) { records in
                var marks = FieldMarks(
                    starts: fields.baseAddress!, ends: fields.baseAddress! + fieldCapacity,
                    recordEnds: records.baseAddress!, numbers: records.baseAddress! + recordCapacity, handedFields: batch.fieldCount,
                    text: text
                )
                body(&batch, &marks)
                marks.handOver(to: &batch)
            }
        }
    }

    private init(
        starts: UnsafeMutablePointer<Int32>, ends: UnsafeMutablePointer<Int32>, recordEnds: UnsafeMutablePointer<Int>,
        numbers: UnsafeMutablePointer<Int>, handedFields: Int, text: RecordBatch.TextWindow
    ) {
        (self.starts, self.ends, self.recordEnds, self.numbers, self.handedFields) = (starts, ends, recordEnds, numbers, handedFields)
        self.text = text
    }

    /// Marks `start..<end` of the batch's text as the next field of the record being read.
    @inline(__always)
    mutating func mark(_ start: Int, _ end: Int, into batch: inout RecordBatch) {
        if fields == Self.fieldCapacity { handOver(to: &batch) }
        starts[fields] = Int32(truncatingIfNeeded: start)
        ends[fields] = Int32(truncatingIfNeeded: end)
        fields += 1
    }

    /// Ends the record whose fields were marked since the last one ended, numbering it `number`.
    @inline(__always)
    mutating func endRecord(number: Int, into batch: inout RecordBatch) {
        recordEnds[records] = handedFields + fields
        numbers[records] = number
        records += 1
        if records == Self.recordCapacity { handOver(to: &batch) }
    }

    /// Appends the marks held to `batch`. Kept out of the scanner's loop (once per 16 records or 96 fields):
    /// inlined there, it cost the loop more than the call saves.
    @inline(never)
    mutating func handOver(to batch: inout RecordBatch) {
        batch.appendMarks(
            starts: UnsafeBufferPointer(start: starts, count: fields), ends: UnsafeBufferPointer(start: ends, count: fields),
            recordEnds: UnsafeBufferPointer(start: recordEnds, count: records), numbers: UnsafeBufferPointer(start: numbers, count: records),
            text: text
        )
        handedFields += fields
        (fields, records) = (0, 0)
    }
}
