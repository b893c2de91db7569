/// Eight bytes tested at once in a 64-bit word (SWAR), for the byte loops that look for a few delimiter-like
/// bytes: `word ^ broadcast(b)` has a zero lane wherever the word holds `b`, and `zeroLanes` marks zero
/// lanes by their high bit. A lane above a true zero may be marked too, never one below the lowest: the
/// lowest mark (`firstLane`) is always exact.
enum ByteLanes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in every lane.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// The high bit of every zero lane of `word` (and possibly of lanes above one).
    @inline(__always)
    static func zeroLanes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// The index (0–7, from the lowest address) of the lowest lane `marks` marks.
    @inline(__always)
    static func firstLane(_ marks: UInt64) -> Int { marks.trailingZeroBitCount >> 3 }

    /// The eight bytes at `offset`, the first in the lowest lane.
    @inline(__always)
    static func load(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Whether `a` and `b` hold the same bytes, compared eight at a time (the per-cell "was it repaired?"
    /// check; `elementsEqual` on buffer slices goes element by element through generic code).
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        guard let x = UnsafeRawPointer(a.baseAddress), let y = UnsafeRawPointer(b.baseAddress) else { return true }
        var offset = 0
        while offset + 8 <= count {
            if load(x, offset) != load(y, offset) { return false }
            offset += 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }
}
