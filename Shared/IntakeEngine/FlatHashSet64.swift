import CPrefetch

/// 64-bit hashes in one flat table, open addressing with linear probing, kept at most three quarters full
/// (doubling when it would pass that), no per-member allocation; 0 marks an empty slot, so the hash 0 is kept
/// apart. A distinct count's exact values. Its probing, over any buffer of slots, is also each of
/// `HashSet64`'s shards' (the static functions).
struct FlatHashSet64: Sendable, Equatable {
    private var slots = [UInt64](repeating: 0, count: 16)
    private(set) var count = 0
    private var hasZero = false

    init() {}

    /// Adds `hash`; true when it was not there yet.
    mutating func insert(_ hash: UInt64) -> Bool {
        if hash == 0 {
            defer { hasZero = true }
            if hasZero { return false }
            count += 1
            return true
        }
        if Self.isFull(count: count, capacity: slots.count) {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            old.withUnsafeBufferPointer { old in slots.withUnsafeMutableBufferPointer { Self.rehash(old, into: $0) } }
        }
        let inserted = slots.withUnsafeMutableBufferPointer { Self.insert(hash, into: $0) }
        if inserted { count += 1 }
        return inserted
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { Self.contains(hash, in: $0) }
    }

    /// Calls `body` with each member.
    func forEach(_ body: (UInt64) -> Void) {
        if hasZero { body(0) }
        for slot in slots where slot != 0 { body(slot) }
    }

    /// Whether a table of `capacity` slots holding `count` hashes must grow before taking one more.
    @inline(__always)
    static func isFull(count: Int, capacity: Int) -> Bool {
        (count + 1) * 4 > capacity * 3
    }

    /// Adds the nonzero `hash` to `slots` (a power of two of them, with room); true when it was not there yet.
    @inline(__always)
    static func insert(_ hash: UInt64, into slots: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let (index, present) = probe(hash, UnsafeBufferPointer(slots))
        if !present { slots[index] = hash }
        return !present
    }

    /// Whether `slots` hold the nonzero `hash`.
    @inline(__always)
    static func contains(_ hash: UInt64, in slots: UnsafeBufferPointer<UInt64>) -> Bool {
        probe(hash, slots).present
    }

    /// Where the nonzero `hash` is in `slots`, or the empty slot it would take.
    @inline(__always)
    private static func probe(_ hash: UInt64, _ slots: UnsafeBufferPointer<UInt64>) -> (index: Int, present: Bool) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == hash { return (index, true) }
            if slot == 0 { return (index, false) }
            index = (index + 1) & mask
        }
    }

    /// Asks for the cache line of the first slot `hash` would probe in `slots`, without waiting for it.
    @inline(__always)
    static func prefetchFirstSlot(of hash: UInt64, in slots: UnsafeMutableBufferPointer<UInt64>) {
        guard let base = slots.baseAddress else { return }
        intake_prefetch_for_write(base + (Int(truncatingIfNeeded: hash) & (slots.count - 1)))
    }

    /// Puts the hashes of `old` into the empty, larger `slots`.
    static func rehash(_ old: UnsafeBufferPointer<UInt64>, into slots: UnsafeMutableBufferPointer<UInt64>) {
        for hash in old where hash != 0 { _ = insert(hash, into: slots) }
    }
}
