/// A fast 64-bit hash of a value's UTF-8 bytes, for the engine's per-cell sets (distinct counts, `unique`),
/// in the manner of wyhash: a value of up to 16 bytes is read as two overlapping 8-byte words (no loop
/// over its tail), a longer one 16 bytes a step, each pair folded with one 64×64→128-bit multiply. Both
/// secrets are drawn once per process, so inputs cannot be tuned to collide (a word equal to the secret
/// would zero its product); two different values share a hash with a probability near n²/2⁶⁵.
///
/// A hot loop hashes with a copy of `process` it keeps (`hash(_:)`): the static one is initialised lazily,
/// so every use of it goes through a once-check.
struct ValueHash: Sendable {
    /// This process's secrets.
    static let process = ValueHash(seed: .random(in: 1...UInt64.max), secret: .random(in: 1...UInt64.max) | 1)

    let seed: UInt64
    let secret: UInt64

    @inline(__always)
    static func of(_ value: String) -> UInt64 {
        process.hash(value)
    }

    @inline(__always)
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        process.hash(bytes)
    }

    @inline(__always)
    func hash(_ value: String) -> UInt64 {
        var value = value
        return value.withUTF8 { hash($0) }
    }

    @inline(__always)
    func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var state = seed
        var a: UInt64 = 0
        var b: UInt64 = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            if count <= 16 {
                if count >= 4 {
                    // Bytes 0–3 and 4–7 (or 0–3 twice when under 8), and the last four likewise: all covered.
                    let shift = (count >> 3) << 2
                    a = Self.word32(base, 0) << 32 | Self.word32(base, shift)
                    b = Self.word32(base, count - 4) << 32 | Self.word32(base, count - 4 - shift)
                } else if count > 0 {
                    a = UInt64(bytes[0]) << 16 | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count - 1])
                }
            } else {
                var offset = 0
                while count - offset > 16 {
                    state = Self.fold(ByteLanes.load(base, offset) ^ secret, ByteLanes.load(base, offset + 8) ^ state)
                    offset += 16
                }
                a = ByteLanes.load(base, count - 16)
                b = ByteLanes.load(base, count - 8)
            }
        }
        return Self.fold(secret ^ UInt64(count), Self.fold(a ^ secret, b ^ state))
    }

    /// `word` mixed with this process's secrets by two multiplies (as `hash` ends), for a table indexed by the
    /// result's low bits: every bit of `word` moves them, and inputs cannot be tuned to share them. One
    /// multiply was not enough: words differing only in their top bytes ("Tier 01", "Tier 02") differ in its
    /// product's low bits only through the high half's carries, and with some secrets 1,000 such words took
    /// as few as ~170 of 2,048 slots (~790 for random slots, as two multiplies give with any secrets).
    @inline(__always)
    func mix(_ word: UInt64) -> UInt64 {
        Self.fold(secret ^ seed, Self.fold(word ^ secret, seed))
    }

    /// The high and low halves of the full 128-bit product, xor-ed.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    private static func word32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
}
