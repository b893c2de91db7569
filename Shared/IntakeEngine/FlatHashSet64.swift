/// 64-bit hashes in one flat table, open addressing with linear probing, kept at most three quarters full
/// (doubling when it would pass that), no per-member allocation; 0 marks an empty slot, so the hash 0 is kept
/// apart. A distinct count's exact values.
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
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        let inserted = slots.withUnsafeMutableBufferPointer { slots in
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[index]
                if slot == hash { return false }
                if slot == 0 {
                    slots[index] = hash
                    return true
                }
                index = (index + 1) & mask
            }
        }
        if inserted { count += 1 }
        return inserted
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == hash { return true }
            if slot == 0 { return false }
            index = (index + 1) & mask
        }
    }

    /// Calls `body` with each member.
    func forEach(_ body: (UInt64) -> Void) {
        if hasZero { body(0) }
        for slot in slots where slot != 0 { body(slot) }
    }

    /// What the first slot `hash` would probe holds (read to bring its line into the cache).
    @inline(__always)
    func firstSlot(of hash: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & ($0.count - 1)] }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for hash in old where hash != 0 {
                var index = Int(truncatingIfNeeded: hash) & mask
                while slots[index] != 0 { index = (index + 1) & mask }
                slots[index] = hash
            }
        }
    }
}
