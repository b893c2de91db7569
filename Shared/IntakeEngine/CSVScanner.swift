/// A byte-level, incremental RFC 4180 reader: feed it UTF-8 bytes in any chunking, get whole records back.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; records end at LF, CRLF or a lone CR.
/// Memory holds one record at a time, whatever the file size.
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
    /// Records completed so far (1-based numbering of the next one is `recordCount + 1`).
    public private(set) var recordCount = 0

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
        field.reserveCapacity(64)
    }

    /// Consumes `bytes`, calling `emit` for every record they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>, emit: ([String]) throws -> Void) rethrows {
        for byte in bytes {
            switch state {
            case .afterCarriageReturn:
                state = .fieldStart
                if byte == UInt8(ascii: "\n") { continue }
                try consumeAtFieldStart(byte, emit: emit)
            case .fieldStart:
                try consumeAtFieldStart(byte, emit: emit)
            case .unquoted:
                try consumeUnquoted(byte, emit: emit)
            case .quoted:
                if byte == UInt8(ascii: "\"") { state = .quoteInQuoted } else { field.append(byte) }
            case .quoteInQuoted:
                if byte == UInt8(ascii: "\"") {
                    field.append(byte)
                    state = .quoted
                } else {
                    state = .unquoted
                    try consumeUnquoted(byte, emit: emit)
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
            try endRecord(emit: emit)
        }
    }

    private mutating func consumeAtFieldStart(_ byte: UInt8, emit: ([String]) throws -> Void) rethrows {
        if byte == UInt8(ascii: "\"") {
            state = .quoted
        } else {
            state = .unquoted
            try consumeUnquoted(byte, emit: emit)
        }
    }

    private mutating func consumeUnquoted(_ byte: UInt8, emit: ([String]) throws -> Void) rethrows {
        switch byte {
        case delimiter:
            endField()
            state = .fieldStart
        case UInt8(ascii: "\n"):
            try endRecord(emit: emit)
            state = .fieldStart
        case UInt8(ascii: "\r"):
            try endRecord(emit: emit)
            state = .afterCarriageReturn
        default:
            field.append(byte)
        }
    }

    private mutating func endField() {
        record.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(emit: ([String]) throws -> Void) rethrows {
        endField()
        let completed = record
        record.removeAll(keepingCapacity: true)
        recordCount += 1
        try emit(completed)
    }
}
