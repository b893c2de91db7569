/// Renders canonical values as one RFC 4180 record, neutralising cells a spreadsheet would run as formulas.
///
/// A cell beginning with `=`, `+`, `-`, `@`, tab or carriage return gains a leading `'`, unless it is a
/// plain number (so `-12.5` and `+14155550100` stay intact).
public enum CSVRecordWriter {
    /// One record without the line terminator.
    public static func record(_ values: [String]) -> String {
        var line = ""
        line.reserveCapacity(values.reduce(values.count) { $0 + $1.utf8.count })
        for (index, value) in values.enumerated() {
            if index > 0 { line.append(",") }
            if isPlain(value) {
                line.append(value)
            } else {
                line.append(field(value))
            }
        }
        return line
    }

    /// Whether a value goes out as it is: no quoting and no neutralising needed.
    @inline(__always)
    public static func isPlain(_ value: String) -> Bool {
        var first = true
        for byte in value.utf8 {
            if first {
                first = false
                if byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
                    || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { return false }
            }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return false }
        }
        return true
    }

    /// One field, neutralised and quoted when it holds a comma, quote or line break.
    public static func field(_ value: String) -> String {
        let safe = needsNeutralising(value) ? "'" + value : value
        guard safe.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else { return safe }
        var quoted = "\""
        for character in safe {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    static func needsNeutralising(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return !isPlainNumber(value)
    }

    private static func isPlainNumber(_ value: String) -> Bool {
        var scalars = Substring(value).unicodeScalars.dropFirst()
        guard value.first == "+" || value.first == "-", !scalars.isEmpty else { return false }
        var sawDot = false
        var sawDigit = false
        while let scalar = scalars.popFirst() {
            if scalar == "." && !sawDot {
                sawDot = true
            } else if ("0"..."9").contains(scalar) {
                sawDigit = true
            } else {
                return false
            }
        }
        return sawDigit
    }
}
