import CByteMasks

/// Sixty-four bytes of a CSV text as bitmasks of the bytes that shape it: bit `i` of a mask is set when byte
/// `i` is a double quote, a separator (the delimiter or a line break), a line break, or a carriage return. The
/// scanner walks the set bits of a block instead of testing bytes field by field, so a field costs a few
/// instructions whatever its length.
///
/// The masks come from C (`intake_csv_block_masks`): with SSE2, sixteen bytes are compared with each needle at
/// once and the lanes' results gathered by one instruction (`movemask`), which Swift does not offer. Built in
/// Swift from sixteen-byte vectors (gathering the lanes' high bits by multiplies, one combined mask), a block
/// took about three times the instructions, and the combined mask left the scanner to load each special
/// byte to learn which it was.
struct ByteBlock {
    static let size = 64

    let quotes: UInt64
    /// The delimiters and line breaks.
    let separators: UInt64
    let lineBreaks: UInt64
    let carriageReturns: UInt64

    /// The block of the 64 bytes at `bytes`.
    @inline(__always)
    init(_ bytes: UnsafePointer<UInt8>, delimiter: UInt8) {
        let masks = intake_csv_block_masks(bytes, delimiter)
        quotes = masks.quotes
        lineBreaks = masks.line_feeds | masks.carriage_returns
        separators = masks.delimiters | lineBreaks
        carriageReturns = masks.carriage_returns
    }

    /// Bit `i` is set when byte `i` lies inside quotes, the block starting inside them when `carry` is all ones
    /// (outside when 0): the parity of the quotes up to byte `i`, so an opening quote is inside and its closing
    /// quote is not.
    @inline(__always)
    func inside(carry: UInt64) -> UInt64 {
        var parity = quotes
        parity ^= parity << 1
        parity ^= parity << 2
        parity ^= parity << 4
        parity ^= parity << 8
        parity ^= parity << 16
        parity ^= parity << 32
        return parity ^ carry
    }
}
