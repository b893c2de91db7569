/// Renders canonical values as one RFC 4180 record, neutralising cells a spreadsheet would run as formulas.
///
/// A cell beginning with `=`, `+`, `-`, `@`, tab or carriage return gains a leading `'`, unless it is a
/// plain number (so `-12.5` and `+14155550100` stay intact).
public enum CSVRecordWriter {
    /// One record without the line terminator.
    public static func record(_ values: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.reduce(values.count) { $0 + $1.utf8.count })
        append(values, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one record, without the line terminator, to `bytes`.
    public static func append(_ values: [String], to bytes: inout [UInt8]) {
        for index in values.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(values[index], to: &bytes)
        }
    }

    /// Appends one field: its bytes copied as they are when plain (checked and copied from one contiguous
    /// view, small strings included), else neutralised and, when it holds a comma, quote or line break, quoted.
    @inline(__always)
    public static func appendField(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { appendField($0, to: &bytes) }
    }

    /// Appends one field given as UTF-8 bytes.
    @inline(__always)
    public static func appendField(_ source: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: maximumCount(ofField: source.count)))
        let written = bytes.withUnsafeMutableBytes { writeField(source, to: $0.baseAddress! + start) }
        bytes.removeSubrange((start + written)...)
    }

    /// The most bytes a field of `count` bytes can take: every byte doubled (each a quote), two quotes and
    /// an apostrophe.
    @inline(__always)
    static func maximumCount(ofField count: Int) -> Int { count * 2 + 3 }

    /// Writes one field at `output`, which has room for `maximumCount(ofField:)` bytes; returns how many it
    /// wrote. A plain value is copied eight bytes a step while it is checked; any other is neutralised and,
    /// when it holds a comma, quote or line break, quoted.
    @inline(__always)
    static func writeField(_ value: UnsafeBufferPointer<UInt8>, to output: UnsafeMutableRawPointer) -> Int {
        let neutralised = needsNeutralising(value)
        if !neutralised, let written = copyPlain(value, to: output) { return written }
        var quoted = false
        for byte in value where needsQuotes(byte) {
            quoted = true
            break
        }
        var at = 0
        if quoted {
            output.storeBytes(of: UInt8(ascii: "\""), toByteOffset: at, as: UInt8.self)
            at &+= 1
        }
        if neutralised {
            output.storeBytes(of: UInt8(ascii: "'"), toByteOffset: at, as: UInt8.self)
            at &+= 1
        }
        for byte in value {
            if byte == UInt8(ascii: "\"") {
                output.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
                at &+= 1
            }
            output.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
            at &+= 1
        }
        if quoted {
            output.storeBytes(of: UInt8(ascii: "\""), toByteOffset: at, as: UInt8.self)
            at &+= 1
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
            if needsQuotes(byte) { return nil }
            output.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            index &+= 1
        }
        return count
    }

    /// One field, as `appendField` writes it.
    public static func field(_ value: String) -> String {
        record([value])
    }

    /// Whether a field holding `byte` (a comma, quote or line break) must be quoted: one bit test, as all four
    /// are below 64.
    @inline(__always)
    static func needsQuotes(_ byte: UInt8) -> Bool {
        byte < 64 && (quotedBytes >> UInt64(byte)) & 1 != 0
    }

    private static let quotedBytes: UInt64 = 1 << UInt64(UInt8(ascii: ",")) | 1 << UInt64(UInt8(ascii: "\""))
        | 1 << UInt64(UInt8(ascii: "\n")) | 1 << UInt64(UInt8(ascii: "\r"))

    static func needsNeutralising(_ value: String) -> Bool {
        var value = value
        return value.withUTF8(needsNeutralising)
    }

    static func needsNeutralising(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(bytes)
        default: return false
        }
    }

    /// `+14155550100`, `-12.5`: a sign, digits and at most one dot.
    private static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawDot = false
        var sawDigit = false
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: "."), !sawDot {
                sawDot = true
            } else if byte.isASCIIDigit {
                sawDigit = true
            } else {
                return false
            }
        }
        return sawDigit
    }
}
