/// Lower-cases an address and checks its shape: one `@`, a local part, a dotted domain, no spaces.
/// A `mailto:` prefix is dropped, and `Ada Lovelace <ada@example.com>` is read as the address in brackets.
struct EmailNormalizer {
    func normalize(_ value: String) -> CellReading {
        var value = value
        switch value.withUTF8(Self.checkASCII) {
        case .valid(hasUpperCase: false): return .value(value)
        case .valid(hasUpperCase: true): return .value(value.withUTF8 { String(decoding: $0.map(Self.lowercased), as: UTF8.self) })
        case .invalid: return .failure(.type("\"\(value)\" is not an email address"))
        case nil: return normalizeGeneral(value)
        }
    }

    /// Reads a plain ASCII address from its bytes, appending its canonical (lower-case) form to `values`;
    /// false when the general reader must decide (nothing appended).
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues) -> Bool {
        guard case .valid(let upper) = Self.checkASCII(bytes) else { return false }
        if upper { values.append(bytes, mappedBy: Self.lowercased) } else { values.append(bytes) }
        return true
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    enum ASCIIShape {
        case valid(hasUpperCase: Bool)
        case invalid
    }

    /// Byte-level check of a plain ASCII address, in one pass over its bytes; nil hands `mailto:`, display
    /// names and non-ASCII text to the general reader (`normalizeGeneral`), whose verdict it must give
    /// otherwise (a test holds them to it). A flaw found on the way is remembered, not returned at once: a
    /// byte further on may still hand the address to the general reader.
    static func checkASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIIShape? {
        let count = bytes.count
        let dot = UInt8(ascii: "."), hyphen = UInt8(ascii: "-"), at = UInt8(ascii: "@")
        var upper = false
        // The local part, up to the first "@".
        var index = 0
        var valid = true
        var previous: UInt8 = 0
        while index < count {
            let byte = bytes[index]
            if byte == at { break }
            if byte >= 0x80 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":") { return nil }
            valid = valid && isLocalByte(byte) && !(byte == dot && previous == dot)
            upper = upper || byte &- UInt8(ascii: "A") < 26
            previous = byte
            index += 1
        }
        let local = index
        guard local < count else { return .invalid }
        valid = valid && local > 0 && local <= 64 && bytes[0] != dot && previous != dot
        // The domain: dot-separated labels of letters, digits and inner hyphens, the last of two or more.
        var labels = 0
        var labelLength = 0
        var labelStart: UInt8 = 0
        previous = 0
        index += 1
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":") { return nil }
            if byte == at { return .invalid }
            upper = upper || byte &- UInt8(ascii: "A") < 26
            if byte == dot {
                valid = valid && labelLength > 0 && labelStart != hyphen && previous != hyphen
                labels += 1
                labelLength = 0
            } else {
                valid = valid && isDomainByte(byte)
                if labelLength == 0 { labelStart = byte }
                labelLength += 1
            }
            previous = byte
            index += 1
        }
        guard valid, labels >= 1, labelLength >= 2, labelStart != hyphen, previous != hyphen else { return .invalid }
        return .valid(hasUpperCase: upper)
    }

    /// Letters of either case, digits and `-` (a domain label's characters; upper case is lowered later).
    static let domainBytesBelow64: UInt64 = 0x03FF_2000_0000_0000
    static let domainBytesFrom64: UInt64 = 0x07FF_FFFE_07FF_FFFE

    @inline(__always)
    static func isDomainByte(_ byte: UInt8) -> Bool {
        byte < 64 ? (domainBytesBelow64 >> UInt64(byte)) & 1 != 0 : byte < 128 && (domainBytesFrom64 >> UInt64(byte - 64)) & 1 != 0
    }

    /// The bytes `isLocalCharacter` accepts, as bits of two masks over ASCII (0–63, 64–127): letters, digits
    /// and ``!#$%&'*+/=?^_`{|}~.-`` (a test checks them against `isLocalCharacter`). Constants, not a table:
    /// nothing to initialise or look up on the way.
    static let localBytesBelow64: UInt64 = 0xA3FF_ECFA_0000_0000
    static let localBytesFrom64: UInt64 = 0x7FFF_FFFF_C7FF_FFFE

    @inline(__always)
    static func isLocalByte(_ byte: UInt8) -> Bool {
        byte < 64 ? (localBytesBelow64 >> UInt64(byte)) & 1 != 0 : byte < 128 && (localBytesFrom64 >> UInt64(byte - 64)) & 1 != 0
    }

    func normalizeGeneral(_ value: String) -> CellReading {
        var lowered = value.lowercased()
        if lowered.hasPrefix("mailto:") { lowered.removeFirst(7) }
        if lowered.hasSuffix(">"), let open = lowered.lastIndex(of: "<") {
            lowered = String(lowered[lowered.index(after: open)..<lowered.index(before: lowered.endIndex)])
        }
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(.type("\"\(value)\" is not an email address"))
        }
        let local = parts[0]
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !local.isEmpty && local.count <= 64
            && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
            && local.allSatisfy(Self.isLocalCharacter)
            && labels.count >= 2
            && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") && $0.allSatisfy(Self.isDomainCharacter) }
            && (labels.last?.count ?? 0) >= 2
        guard valid else {
            return .failure(.type("\"\(value)\" is not an email address"))
        }
        return .value(lowered)
    }

    static func isLocalCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isASCIIDigit || "!#$%&'*+/=?^_`{|}~.-".contains(character)
    }

    static func isDomainCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isASCIIDigit || character == "-")
    }
}
