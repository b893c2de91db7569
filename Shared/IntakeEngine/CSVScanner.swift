/// A byte-level, incremental RFC 4180 reader: feed it UTF-8 bytes in any chunking, get whole records back.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; records end at LF, CRLF or a lone CR.
/// Memory holds one record at a time, whatever the file size. Unquoted runs are found with a tight loop
/// over the chunk and decoded straight from it; only a field split across chunks (or one with doubled
/// quotes) is copied on the way.
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
    private var field: [UInt8] = []
    private var record: [String] = []
    private var width = 8
    /// Records completed so far (1-based numbering of the next one is `recordCount + 1`).
    public private(set) var recordCount = 0

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
        field.reserveCapacity(64)
    }

    /// Consumes `bytes`, calling `emit` for every record they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>, emit: ([String]) throws -> Void) rethrows {
        if let done: Void = try bytes.withContiguousStorageIfAvailable({ try feed(buffer: $0, emit: emit) }) {
            return done
        }
        let copy = Array(bytes)
        try copy.withUnsafeBufferPointer { try feed(buffer: $0, emit: emit) }
    }

    /// Consumes the bytes of `buffer`, calling `emit` for every record they complete.
    public mutating func feed(buffer: UnsafeBufferPointer<UInt8>, emit: ([String]) throws -> Void) rethrows {
        let count = buffer.count
        var index = 0
        while index < count {
            switch state {
            case .afterCarriageReturn:
                state = .fieldStart
                if buffer[index] == Self.lineFeed { index += 1 }
            case .fieldStart:
                if buffer[index] == Self.quote {
                    state = .quoted
                    index += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                let start = index
                while index < count {
                    let byte = buffer[index]
                    if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    index += 1
                }
                if index == count {
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                    return
                }
                finishField(buffer, start, index)
                let byte = buffer[index]
                index += 1
                if byte == delimiter {
                    state = .fieldStart
                } else {
                    try endRecord(emit: emit)
                    state = byte == Self.carriageReturn ? .afterCarriageReturn : .fieldStart
                }
            case .quoted:
                let start = index
                while index < count, buffer[index] != Self.quote { index += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                if index < count {
                    state = .quoteInQuoted
                    index += 1
                }
            case .quoteInQuoted:
                if buffer[index] == Self.quote {
                    field.append(Self.quote)
                    state = .quoted
                    index += 1
                } else {
                    state = .unquoted
                }
            }
        }
    }

    /// Completes the last record when the input does not end with a line break.
    public mutating func finish(emit: ([String]) throws -> Void) rethrows {
        switch state {
        case .fieldStart where record.isEmpty, .afterCarriageReturn:
            return
        default:
            finishField(nil, 0, 0)
            try endRecord(emit: emit)
            state = .fieldStart
        }
    }

    /// Ends the current field with the bytes held so far plus `buffer[start..<end]`.
    private mutating func finishField(_ buffer: UnsafeBufferPointer<UInt8>?, _ start: Int, _ end: Int) {
        if field.isEmpty, let buffer {
            record.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
            return
        }
        if let buffer, start < end { field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end])) }
        record.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(emit: ([String]) throws -> Void) rethrows {
        let completed = record
        width = max(width, completed.count)
        record = []
        record.reserveCapacity(width)
        recordCount += 1
        try emit(completed)
    }
}
