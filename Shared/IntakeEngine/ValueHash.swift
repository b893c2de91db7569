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
    /// What `warm` read (meaningless; kept so its reads stay).
    private var warmed: UInt64 = 0

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

    /// Adds `hashes` in order; returns the positions of those already there (or earlier in `hashes`).
    ///
    /// A set of millions misses the cache on nearly every insert (~200 ns each here when one waits for the
    /// last). So `hashes` go in a run at a time: first each one's slot is read, loads that depend on nothing
    /// and so overlap, then the run is inserted from a warm cache.
    mutating func insert(contentsOf hashes: UnsafeBufferPointer<UInt64>) -> [Int] {
        var seen: [Int] = []
        var start = 0
        while start < hashes.count {
            let run = UnsafeBufferPointer(rebasing: hashes[start..<min(start + Self.warmedRun, hashes.count)])
            warm(run)
            for index in run.indices where !insert(run[index]) { seen.append(start + index) }
            start += run.count
        }
        return seen
    }

    static func == (lhs: HashSet64, rhs: HashSet64) -> Bool {
        lhs.count == rhs.count && lhs.hasZero == rhs.hasZero && lhs.shards == rhs.shards
    }

    /// Hashes read ahead together: enough to keep the memory system busy, few enough that their lines stay
    /// in the cache until inserted.
    static let warmedRun = 64

    /// Reads the first slot each of `hashes` would probe (the xor of what they hold is kept, so the reads
    /// are not optimised away).
    private mutating func warm(_ hashes: UnsafeBufferPointer<UInt64>) {
        var folded: UInt64 = 0
        shards.withUnsafeBufferPointer { shards in
            for hash in hashes {
                let shard = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.shardBits))
                folded ^= shards[shard].slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & ($0.count - 1)] }
            }
        }
        warmed ^= folded
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
