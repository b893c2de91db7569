import CByteMasks

/// Lower-cases an address and checks its shape: one `@`, a local part, a dotted domain, no spaces.
/// A `mailto:` prefix is dropped, and `Ada Lovelace <ada@example.com>` is read as the address in brackets.
struct EmailNormalizer {
    /// `ByteClass.table`, kept at hand for the per-cell path.
    private let classes = ByteClass.table

    func normalize(_ value: String) -> CellReading {
        var value = value
        switch value.withUTF8({ Self.checkASCII($0, classes: classes) }) {
        case .valid(hasUpperCase: false): return .value(value)
        case .valid(hasUpperCase: true): return .value(value.withUTF8 { String(decoding: $0.map(Self.lowercased), as: UTF8.self) })
        case .invalid: return .failure(.type("\"\(value)\" is not an email address"))
        case nil: return normalizeGeneral(value)
        }
    }

    /// Reads a plain ASCII address from its bytes, appending its canonical (lower-case) form to `values`;
    /// false when the general reader must decide (nothing appended).
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> Bool {
        guard case .valid(let upper) = Self.checkASCII(bytes, classes: classes) else { return false }
        if upper { values.append(bytes, mappedBy: Self.lowercased) } else { values.append(bytes) }
        return true
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    enum ASCIIShape: Hashable {
        case valid(hasUpperCase: Bool)
        case invalid
    }

    /// Byte-level check of a plain ASCII address; nil hands `mailto:`, display names and non-ASCII text to the
    /// general reader (`normalizeGeneral`), whose verdict it must give otherwise (a test holds them to it).
    /// An address of 8 to 64 bytes (nearly all) is classed 16 bytes a step and judged by bit tests (`shape`);
    /// any other, or one with a byte to hand over, in one pass over its bytes (`checkByteByByte`), where a flaw
    /// found on the way is remembered, not returned at once: a byte further on may still hand the address to
    /// the general reader.
    static func checkASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIIShape? {
        checkASCII(bytes, classes: ByteClass.table)
    }

    /// `checkASCII` with the class table at hand (the per-cell path passes the normaliser's copy of the
    /// pointer, so it reads no lazily initialised global).
    @inline(__always)
    static func checkASCII(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafePointer<UInt8>) -> ASCIIShape? {
        if let base = bytes.baseAddress, bytes.count >= 8, bytes.count <= 64 {
            let masks = intake_email_block_masks(base, Int32(bytes.count))
            if masks.hand_over == 0 { return shape(of: masks, count: bytes.count) }
        }
        return checkByteByByte(bytes, classes: classes)
    }

    /// `checkASCII`'s verdict on an address of 8 to 64 bytes with nothing to hand over, from its bytes'
    /// classes (`intake_email_block_masks`, 16 bytes a step): the same rules as the byte loop, as bit tests.
    @inline(__always)
    static func shape(of masks: intake_email_masks, count: Int) -> ASCIIShape {
        let at = masks.at
        // Exactly one "@", not first.
        guard at > 1, at & (at &- 1) == 0 else { return .invalid }
        let all: UInt64 = count == 64 ? .max : (1 << UInt64(count)) &- 1
        let localPart = at &- 1
        let domainPart = all & ~(at | localPart)
        // The local part: local bytes only, no dot first, last, or two in a row.
        let localDots = masks.dots & localPart
        guard masks.local & localPart == localPart, localDots & 1 == 0, localDots & (at >> 1) == 0, localDots & (localDots << 1) == 0 else {
            return .invalid
        }
        // The domain: two or more labels of domain bytes between single dots, the last of two or more bytes,
        // none starting or ending with a hyphen.
        let dots = masks.dots & domainPart
        let labelBytes = domainPart & ~dots
        let firstDomainByte = at << 1
        guard dots != 0, masks.domain & labelBytes == labelBytes, dots & firstDomainByte == 0, dots & (dots << 1) == 0,
              UInt64.bitWidth - 1 - dots.leadingZeroBitCount <= count - 3
        else { return .invalid }
        let labelStarts = labelBytes & (dots << 1 | firstDomainByte)
        let labelEnds = labelBytes & (dots >> 1 | 1 << UInt64(count - 1))
        guard masks.hyphens & (labelStarts | labelEnds) == 0 else { return .invalid }
        return .valid(hasUpperCase: masks.upper != 0)
    }

    /// `checkASCII` a byte at a time, for any length (and for what the masks hand over).
    @inline(__always)
    static func checkByteByByte(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafePointer<UInt8>) -> ASCIIShape? {
        let count = bytes.count
        // The local part, up to the first "@": every byte a local character, no two dots in a row.
        var index = 0
        var all = ByteClass.local
        var seen: UInt8 = 0
        var previous: UInt8 = 0
        var doubleDot: UInt8 = 0
        while index < count {
            let byte = classes[Int(bytes[index])]
            if byte & (ByteClass.handOver | ByteClass.at) != 0 {
                if byte & ByteClass.handOver != 0 { return nil }
                break
            }
            all &= byte
            seen |= byte
            doubleDot |= previous & byte
            previous = byte
            index += 1
        }
        let local = index
        guard local < count else { return .invalid }
        var valid = all & ByteClass.local != 0 && doubleDot & ByteClass.dot == 0 && local > 0 && local <= 64
            && classes[Int(bytes[0])] & ByteClass.dot == 0 && previous & ByteClass.dot == 0
        // The domain: dot-separated labels of letters, digits and inner hyphens, the last of two or more.
        all = ByteClass.domain
        var labels = 0
        var labelLength = 0
        var labelStart: UInt8 = 0
        previous = 0
        index += 1
        while index < count {
            let byte = classes[Int(bytes[index])]
            if byte & (ByteClass.handOver | ByteClass.at) != 0 { return byte & ByteClass.handOver != 0 ? nil : .invalid }
            seen |= byte
            if byte & ByteClass.dot != 0 {
                valid = valid && labelLength > 0 && (labelStart | previous) & ByteClass.hyphen == 0
                labels += 1
                labelLength = 0
            } else {
                all &= byte
                if labelLength == 0 { labelStart = byte }
                labelLength += 1
            }
            previous = byte
            index += 1
        }
        guard valid, all & ByteClass.domain != 0, labels >= 1, labelLength >= 2, (labelStart | previous) & ByteClass.hyphen == 0 else {
            return .invalid
        }
        return .valid(hasUpperCase: seen & ByteClass.upper != 0)
    }

    /// What `checkASCII` needs to know of a byte, as bits of one table entry.
    enum ByteClass {
        static let local: UInt8 = 1
        static let domain: UInt8 = 2
        static let upper: UInt8 = 4
        /// Non-ASCII, `<` or `:`: the general reader's.
        static let handOver: UInt8 = 8
        static let at: UInt8 = 16
        static let dot: UInt8 = 32
        static let hyphen: UInt8 = 64

        /// One entry per byte value, built once, never freed and only read (hence `nonisolated(unsafe)`).
        nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            for value in 0..<256 {
                let byte = UInt8(value)
                var bits: UInt8 = 0
                if isLocalByte(byte) { bits |= local }
                if isDomainByte(byte) { bits |= domain }
                if byte &- UInt8(ascii: "A") < 26 { bits |= upper }
                if byte >= 0x80 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":") { bits |= handOver }
                if byte == UInt8(ascii: "@") { bits |= at }
                if byte == UInt8(ascii: ".") { bits |= dot }
                if byte == UInt8(ascii: "-") { bits |= hyphen }
                table[value] = bits
            }
            return UnsafePointer(table)
        }()
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
