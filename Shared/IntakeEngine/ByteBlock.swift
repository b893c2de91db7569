/// Sixty-four bytes of a CSV text tested at once for the bytes that can end a field or open a quoted one (the
/// delimiter, a line feed, a carriage return, a double quote), as a bitmask: bit `i` is set when byte `i` is
/// one of them. The scanner walks the set bits of a block instead of testing bytes field by field, so a field
/// costs a few instructions whatever its length.
///
/// Eight bytes are tested a step in a 64-bit word (`ByteLanes`, with the exact form of the zero-lane test:
/// every lane is marked on its own), and the eight lane marks are gathered into a byte by one multiply.
/// On this VM that reads the 99 MB contacts file in ~24 ms; `SIMD16` comparisons, whose lanes Swift can only
/// turn into bits by shifts and ors, were slower.
struct ByteBlock {
    static let size = 64

    /// The offset of the block's first byte.
    let start: Int
    /// Bit `i`: byte `start + i` is special.
    let specials: UInt64

    /// The block of the 64 bytes at `start` of `base`.
    @inline(__always)
    init(_ base: UnsafeRawPointer, at start: Int, delimiters: UInt64) {
        @inline(__always)
        func lanes(_ step: Int) -> UInt64 {
            let word = ByteLanes.load(base, start + 8 * step)
            let marks = ByteLanes.exactZeroLanes(word ^ delimiters) | ByteLanes.exactZeroLanes(word ^ Self.lineFeeds)
                | ByteLanes.exactZeroLanes(word ^ Self.carriageReturns) | ByteLanes.exactZeroLanes(word ^ Self.quotes)
            return ByteLanes.gather(marks) << UInt64(8 * step)
        }
        // Written out: as a loop, each step's shift waited on the counter.
        let specials = lanes(0) | lanes(1) | lanes(2) | lanes(3) | lanes(4) | lanes(5) | lanes(6) | lanes(7)
        (self.start, self.specials) = (start, specials)
    }

    private static let lineFeeds = ByteLanes.broadcast(UInt8(ascii: "\n"))
    private static let carriageReturns = ByteLanes.broadcast(UInt8(ascii: "\r"))
    private static let quotes = ByteLanes.broadcast(UInt8(ascii: "\""))
}
