import func Foundation.log

/// Counts the distinct values of a column in fixed memory: exactly while there are few (up to
/// `exactLimit`, the range where a profile's number is read as a fact: "3 distinct tiers"), and beyond that
/// as a HyperLogLog estimate over 2¹⁴ one-byte registers (standard error ≈ 0.8 %), so a 10-million-row column
/// neither grows memory nor stalls on cache misses in a set of millions of hashes: 16 KiB of registers a
/// column, and up to 16 KiB of exact values.
struct DistinctCounter: Sendable, Equatable {
    static let exactLimit = 1_024
    static let precision = 14

    /// The values counted exactly, by hash, in one flat table: every cell of a column of few values looks here,
    /// so it is one array read, not a sharded set's two.
    private var exact = FlatHashSet64()
    /// Whether more than `exactLimit` distinct values were seen (the exact table then stops growing).
    private var overflowed = false
    private var registers = [UInt8](repeating: 0, count: 1 << precision)

    /// Counts one value by its `ValueHash`.
    mutating func insert(_ hash: UInt64) {
        if !overflowed {
            // A value of the exact table was counted when first seen (its register already holds its rank): the
            // common case for a column of few values, answered without touching the registers.
            if exact.contains(hash) { return }
            if exact.count < Self.exactLimit {
                _ = exact.insert(hash)
            } else {
                overflowed = true
            }
        }
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.precision))
        let rank = UInt8(truncatingIfNeeded: (hash << UInt64(Self.precision) | 1 << UInt64(Self.precision - 1)).leadingZeroBitCount + 1)
        // Read first: past a few values a register, a new value rarely raises it, and only a write pays for
        // the array's uniqueness check.
        if registers[index] < rank { registers[index] = rank }
    }

    /// How many of its values `set` does not hold: exact while they are counted exactly; beyond, the
    /// estimate of them all (the few `set` might hold are lost in its error).
    func count(notIn set: HashSet64) -> Int {
        guard !overflowed else { return count }
        var outside = 0
        exact.forEach { if !set.contains($0) { outside += 1 } }
        return outside
    }

    /// The number of distinct values: exact up to `exactLimit`, estimated above it.
    var count: Int {
        guard overflowed else { return exact.count }
        let m = Double(registers.count)
        var sum = 0.0
        var zeros = 0
        for register in registers {
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        var estimate = alpha * m * m / sum
        // Small range: linear counting is the better estimator while registers are still empty.
        if estimate <= 2.5 * m, zeros > 0 { estimate = m * log(m / Double(zeros)) }
        return max(Self.exactLimit + 1, Int(estimate.rounded()))
    }
}
