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

    /// Byte-level check of a plain ASCII address; nil hands `mailto:`, display names and non-ASCII text to
    /// the general reader.
    private static func checkASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIIShape? {
        var at = -1
        var upper = false
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x80 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":") { return nil }
            if byte == UInt8(ascii: "@") {
                guard at < 0 else { return .invalid }
                at = index
            } else if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                upper = true
            }
        }
        guard at > 0, at <= 64, at < bytes.count - 1 else { return .invalid }
        guard bytes[0] != UInt8(ascii: "."), bytes[at - 1] != UInt8(ascii: ".") else { return .invalid }
        var previous: UInt8 = 0
        for index in 0..<at {
            let byte = bytes[index] | (bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") ? 0x20 : 0)
            guard isLocalByte(byte) else { return .invalid }
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return .invalid }
            previous = byte
        }
        var labels = 0
        var labelLength = 0
        var labelStart: UInt8 = 0
        previous = 0
        for index in (at + 1)..<bytes.count {
            let byte = bytes[index] | (bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") ? 0x20 : 0)
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, labelStart != UInt8(ascii: "-"), previous != UInt8(ascii: "-") else { return .invalid }
                labels += 1
                labelLength = 0
            } else {
                guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte.isASCIIDigit || byte == UInt8(ascii: "-") else { return .invalid }
                if labelLength == 0 { labelStart = byte }
                labelLength += 1
            }
            previous = byte
        }
        guard labelLength >= 2, labelStart != UInt8(ascii: "-"), previous != UInt8(ascii: "-"), labels >= 1 else { return .invalid }
        return .valid(hasUpperCase: upper)
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

    private func normalizeGeneral(_ value: String) -> CellReading {
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

    private static func isDomainCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isASCIIDigit || character == "-")
    }
}
