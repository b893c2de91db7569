/// A fast 64-bit hash of a value's UTF-8 bytes, for the engine's per-cell sets (distinct counts, `unique`):
/// eight bytes a step with a multiply-xorshift mix, instead of SipHash twice (once for the string, once more
/// when the set hashes the resulting `Int`). Seeded once per process, so inputs cannot be tuned to collide
/// across runs; two different values share a hash with a probability near n²/2⁶⁵.
enum ValueHash {
    static let seed = UInt64.random(in: 1...UInt64.max)

    @inline(__always)
    static func of(_ value: String) -> UInt64 {
        var value = value
        return value.withUTF8 { of($0) }
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return mix(hash) }
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            hash = mix(hash ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = mix(hash ^ tail)
        }
        return mix(hash)
    }

    /// A bijective 64-bit finaliser (SplitMix64's).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A set of 64-bit hashes: 32 shards (chosen by the hash's top bits), each one flat array with open
/// addressing and linear probing, kept at most three quarters full (11–21 bytes a member), no per-member
/// allocation. Shards grow one at a time, so growing never holds the whole set twice (a single table would
/// peak at 1.5× its size while it rehashes: +24 MiB at a million members). A probe mostly stays within one
/// cache line, so an insert into a set of millions costs about one cache miss.
struct HashSet64: Sendable, Equatable {
    private static let shardBits = 5
    private var shards = [Shard](repeating: Shard(), count: 1 << shardBits)
    private(set) var count = 0
    /// 0 marks an empty slot, so the hash 0 is stored apart.
    private var hasZero = false

    init() {}

    /// Adds `hash`; true when it was not there yet.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        if hash == 0 {
            defer { hasZero = true }
            if hasZero { return false }
            count += 1
            return true
        }
        let inserted = shards[Int(truncatingIfNeeded: hash >> UInt64(64 - Self.shardBits))].insert(hash)
        if inserted { count += 1 }
        return inserted
    }

    func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
        return shards[Int(truncatingIfNeeded: hash >> UInt64(64 - Self.shardBits))].contains(hash)
    }

    private struct Shard: Sendable, Equatable {
        var slots = [UInt64](repeating: 0, count: 16)
        var count = 0

        mutating func insert(_ hash: UInt64) -> Bool {
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

        func contains(_ hash: UInt64) -> Bool {
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[index]
                if slot == hash { return true }
                if slot == 0 { return false }
                index = (index + 1) & mask
            }
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
}
