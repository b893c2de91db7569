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
        let quoted = source.contains(where: needsQuotes)
        let neutralised = needsNeutralising(source)
        guard quoted || neutralised else {
            bytes.append(contentsOf: source)
            return
        }
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        if neutralised { bytes.append(UInt8(ascii: "'")) }
        for byte in source {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        if quoted { bytes.append(UInt8(ascii: "\"")) }
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
