/// Turns a file's bytes into UTF-8, chunk by chunk: a UTF-8 BOM is dropped, UTF-16 LE/BE (by BOM) is
/// transcoded, and bytes that are not valid UTF-8 are read as Windows-1252. The encoding is decided once,
/// from the first chunk, and reported so the run can say it healed it.
public struct SourceDecoder: Sendable {
    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        case utf16LE = "utf-16le"
        case utf16BE = "utf-16be"
        case windows1252 = "windows-1252"
    }

    public let encoding: Encoding
    private var skip: Int
    private var carry: [UInt8] = []
    private var pendingHighSurrogate: UInt16?

    /// Decides the encoding from the start of the file.
    public init(firstChunk: some Collection<UInt8>) {
        let head = Array(firstChunk.prefix(64 * 1024))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            (encoding, skip) = (.utf8, 3)
        } else if head.starts(with: [0xFF, 0xFE]) {
            (encoding, skip) = (.utf16LE, 2)
        } else if head.starts(with: [0xFE, 0xFF]) {
            (encoding, skip) = (.utf16BE, 2)
        } else if let wide = Self.utf16WithoutBOM(head) {
            (encoding, skip) = (wide, 0)
        } else {
            (encoding, skip) = (Self.isUTF8(head) ? .utf8 : .windows1252, 0)
        }
    }

    /// UTF-16 written without a BOM shows itself by NUL bytes in every other position (the high byte of
    /// Latin text): mostly odd positions for little-endian, even for big-endian.
    static func utf16WithoutBOM(_ head: [UInt8]) -> Encoding? {
        let sample = head.prefix(4096)
        let pairs = sample.count / 2
        guard pairs >= 2 else { return nil }
        var evenNUL = 0
        var oddNUL = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 }
        }
        if oddNUL * 10 >= pairs * 4, evenNUL * 20 <= pairs { return .utf16LE }
        if evenNUL * 10 >= pairs * 4, oddNUL * 20 <= pairs { return .utf16BE }
        return nil
    }

    /// Whether `decode` would hand a chunk back as it is (UTF-8, nothing left to skip or carried over): the
    /// reader then scans the chunk where it lies, without the copy `decode` makes.
    public var passesThrough: Bool { encoding == .utf8 && skip == 0 && carry.isEmpty }

    /// UTF-8 bytes for the next chunk of the file.
    public mutating func decode(_ chunk: some Collection<UInt8>) -> [UInt8] {
        var bytes = carry
        carry = []
        bytes.append(contentsOf: chunk)
        if skip > 0 {
            let dropped = min(skip, bytes.count)
            bytes.removeFirst(dropped)
            skip -= dropped
        }
        switch encoding {
        case .utf8:
            return bytes
        case .windows1252:
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte < 0x80 {
                    out.append(byte)
                } else {
                    Self.append(Self.windows1252Scalar(byte), to: &out)
                }
            }
            return out
        case .utf16LE, .utf16BE:
            if bytes.count % 2 == 1 { carry = [bytes.removeLast()] }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let unit = encoding == .utf16LE
                    ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                    : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                index += 2
                if let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        let value = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                        Self.append(Unicode.Scalar(value)!, to: &out)
                        continue
                    }
                    Self.append("\u{FFFD}", to: &out)
                }
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHighSurrogate = unit
                } else if let scalar = Unicode.Scalar(UInt32(unit)) {
                    Self.append(scalar, to: &out)
                } else {
                    Self.append("\u{FFFD}", to: &out)
                }
            }
            return out
        }
    }

    /// Whether `bytes` is valid UTF-8, allowing a sequence cut off at the end of the sample.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            if index + length > bytes.count { return true }
            for offset in 1..<max(1, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// Windows-1252: 0x80–0x9F hold typographic marks; the rest of the upper half is Latin-1.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        let table: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        let value = (0x80...0x9F).contains(byte) ? table[Int(byte) - 0x80] : UInt32(byte)
        return Unicode.Scalar(value)!
    }
}
