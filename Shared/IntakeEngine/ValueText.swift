/// Whitespace handling shared by every normaliser: trims spaces, tabs, line breaks and no-break spaces.
/// ASCII values, the common case, are checked byte by byte without building new strings.
enum ValueText {
    static func isTrimmable(_ character: Character) -> Bool {
        character.isWhitespace || character == "\u{00A0}" || character == "\u{FEFF}"
    }

    /// A printable ASCII byte, which trimming never removes.
    @inline(__always)
    static func isSolidASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// The first and last UTF-8 bytes of a value, read from its contiguous storage (every cell goes through
    /// here; `utf8.last` walks indices).
    @inline(__always)
    static func ends(_ value: String) -> (first: UInt8, last: UInt8)? {
        var value = value
        return value.withUTF8 { bytes in bytes.isEmpty ? nil : (bytes[0], bytes[bytes.count - 1]) }
    }

    static func trimmed(_ value: String) -> String {
        guard let (first, last) = ends(value) else { return "" }
        if isSolidASCII(first), isSolidASCII(last) { return value }
        guard let start = value.firstIndex(where: { !isTrimmable($0) }) else { return "" }
        let end = value.lastIndex(where: { !isTrimmable($0) })!
        return String(value[start...end])
    }

    /// Whether `value` starts or ends with something `trimmed` removes.
    static func hasPadding(_ value: String) -> Bool {
        guard let (first, last) = ends(value) else { return false }
        if isSolidASCII(first), isSolidASCII(last) { return false }
        return isTrimmable(value.first!) || isTrimmable(value.last!)
    }

    /// Whether `value` is empty once trimmed.
    static func isBlank(_ value: String) -> Bool {
        var ascii = true
        for byte in value.utf8 {
            if isSolidASCII(byte) { return false }
            if byte >= 0x80 { ascii = false }
        }
        return ascii || value.allSatisfy(isTrimmable)
    }
}

extension ValueText {
    /// Whether the UTF-8 `bytes` are empty once trimmed.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            if isSolidASCII(byte) { return false }
            if byte >= 0x80 { return isBlank(String(decoding: bytes, as: UTF8.self)) }
        }
        return true
    }

    /// Whether the UTF-8 `bytes` start or end with something `trimmed` removes.
    static func hasPadding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, !isSolid(bytes) else { return false }
        return hasPadding(String(decoding: bytes, as: UTF8.self))
    }

    /// `bytes` without the ASCII spaces and tabs around them, when what is left is solid (`isSolid`): then
    /// it is what `trimmed` leaves too. Nil when trimming needs the text path (other whitespace, non-ASCII at
    /// either end) or leaves nothing.
    @inline(__always)
    static func solidASCIITrimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        if isSolid(bytes) { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let inner = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return isSolid(inner) ? inner : nil
    }

    /// Whether the UTF-8 `bytes` are a value trimming leaves as it is, read without building a string: not
    /// empty and starting and ending with printable ASCII.
    @inline(__always)
    static func isSolid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && isSolidASCII(bytes[0]) && isSolidASCII(bytes[bytes.count - 1])
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension UInt8 {
    @inline(__always)
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}
