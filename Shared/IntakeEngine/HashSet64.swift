import CPrefetch

/// A set of 64-bit hashes: 32 shards (chosen by the hash's top bits), each a flat table with open addressing
/// and linear probing, kept at most three quarters full (11–21 bytes a member), no per-member allocation; 0
/// marks an empty slot, so the hash 0 is kept apart. Shards grow one at a time, so growing never holds the
/// whole set twice (a single table would peak at 1.5× its size while it rehashes: +24 MiB at a million
/// members). A probe mostly stays within one cache line, so an insert into a set of millions costs about one
/// cache miss.
///
/// A value type over one buffer of its own (copied on write): an insert reaches its slot through raw
/// pointers, with no uniqueness check on an array of shards and another on the shard's slots, as an array of
/// `FlatHashSet64` cost (a `unique` column's check took ~60 ns a value, where its cache miss takes ~20).
struct HashSet64: Sendable, Equatable {
    private static let shardBits = 5
    private var storage: Storage

    init() {
        storage = Storage()
    }

    /// An empty set sized to take `expectedCount` members (at most `maxReserved`) without growing: a set
    /// grown from empty rehashes each member about once more, into tables whose pages are new (a million
    /// members: ~60 ns an insert grown, ~25 sized, page faults included). More members than expected are
    /// taken as ever, its shards growing.
    init(reservingCapacity expectedCount: Int) {
        let perShard = min(max(expectedCount, 0), Self.maxReserved) >> Self.shardBits
        // Room, within three quarters full, for a shard's share plus six standard deviations of how unevenly
        // the shards fill (√share) and a sixteenth for an estimate's error.
        let spread = 6 * Int(Double(perShard).squareRoot().rounded(.up)) + perShard >> 4
        let slots = (perShard + spread) * 4 / 3 + 1
        storage = Storage(shardCapacity: max(16, 1 << (Int.bitWidth - (slots - 1).leadingZeroBitCount)))
    }

    /// The most members a set is sized for ahead (16 MiB of slots): what a wrong estimate can cost, and a set
    /// that large grows one shard at a time anyway. (With up to 4M, one 10M-row import's worker grew by
    /// 210 MiB; with up to 1M, by 190 MiB; grown from empty, by 168 in an earlier run: single runs each.)
    static let maxReserved = 1 << 20

    /// The slots it has room for (all shards'), for tests.
    var capacity: Int { storage.capacity }

    /// The number of members.
    var count: Int { storage.count }

    /// Adds `hash`; true when it was not there yet.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        makeUnique()
        return storage.insert(hash)
    }

    /// Adds `hashes` in order; returns the positions of those already there (or earlier in `hashes`).
    ///
    /// A set of millions misses the cache on nearly every insert (~200 ns each here when one waits for the
    /// last). So while one hash goes in, the slot of the one `prefetchDistance` further on is prefetched: a
    /// hint the CPU acts on without waiting, so a run of misses overlaps and the inserts find warm lines. A
    /// shard that grows in between makes a prefetch useless, never wrong.
    mutating func insert(contentsOf hashes: UnsafeBufferPointer<UInt64>) -> [Int] {
        makeUnique()
        var seen: [Int] = []
        let ahead = hashes.count - Self.prefetchDistance
        for index in hashes.indices {
            if index < ahead { storage.prefetch(hashes[index + Self.prefetchDistance]) }
            if !storage.insert(hashes[index]) { seen.append(index) }
        }
        return seen
    }

    /// How many hashes ahead `insert(contentsOf:)` prefetches: enough to cover a miss's latency, few enough
    /// that the lines stay in the cache until used.
    static let prefetchDistance = 32

    func contains(_ hash: UInt64) -> Bool {
        storage.contains(hash)
    }

    static func == (lhs: HashSet64, rhs: HashSet64) -> Bool {
        lhs.count == rhs.count && lhs.storage.allContained(in: rhs.storage)
    }

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// One flat table of the set, probed as a `FlatHashSet64` is.
    private struct Shard {
        /// A power of two of them.
        var slots: UnsafeMutableBufferPointer<UInt64>
        var count = 0

        init(capacity: Int) {
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: 0)
        }
    }

    /// The shards, each reached by pointer.
    private final class Storage: @unchecked Sendable {
        private let shards: UnsafeMutablePointer<Shard>
        private(set) var count = 0
        private var hasZero = false

        init(shardCapacity: Int = 16) {
            shards = .allocate(capacity: 1 << shardBits)
            for index in 0..<(1 << shardBits) { (shards + index).initialize(to: Shard(capacity: shardCapacity)) }
        }

        deinit {
            for index in 0..<(1 << shardBits) { shards[index].slots.deallocate() }
            shards.deinitialize(count: 1 << shardBits)
            shards.deallocate()
        }

        var capacity: Int {
            (0..<(1 << shardBits)).reduce(0) { $0 + shards[$1].slots.count }
        }

        func copy() -> Storage {
            let copy = Storage(shardCapacity: 1)
            for index in 0..<(1 << shardBits) {
                let shard = shards[index]
                copy.shards[index].slots.deallocate()
                copy.shards[index] = Shard(capacity: shard.slots.count)
                _ = copy.shards[index].slots.update(fromContentsOf: shard.slots)
                copy.shards[index].count = shard.count
            }
            (copy.count, copy.hasZero) = (count, hasZero)
            return copy
        }

        @inline(__always)
        private func shard(_ hash: UInt64) -> UnsafeMutablePointer<Shard> {
            shards + Int(truncatingIfNeeded: hash >> UInt64(64 - shardBits))
        }

        @inline(__always)
        func insert(_ hash: UInt64) -> Bool {
            if hash == 0 {
                defer { hasZero = true }
                if hasZero { return false }
                count += 1
                return true
            }
            let shard = shard(hash)
            if FlatHashSet64.isFull(count: shard.pointee.count, capacity: shard.pointee.slots.count) { grow(shard) }
            guard FlatHashSet64.insert(hash, into: shard.pointee.slots) else { return false }
            shard.pointee.count += 1
            count += 1
            return true
        }

        func contains(_ hash: UInt64) -> Bool {
            if hash == 0 { return hasZero }
            return FlatHashSet64.contains(hash, in: UnsafeBufferPointer(shard(hash).pointee.slots))
        }

        /// Prefetches the first slot `hash` would probe.
        @inline(__always)
        func prefetch(_ hash: UInt64) {
            guard hash != 0 else { return }
            FlatHashSet64.prefetchFirstSlot(of: hash, in: shard(hash).pointee.slots)
        }

        /// Whether every member of this set is one of `other`.
        func allContained(in other: Storage) -> Bool {
            if hasZero, !other.hasZero { return false }
            for index in 0..<(1 << shardBits) {
                for hash in shards[index].slots where hash != 0 && !other.contains(hash) { return false }
            }
            return true
        }

        /// Doubles a shard's slots, rehashing its members.
        private func grow(_ shard: UnsafeMutablePointer<Shard>) {
            let old = shard.pointee
            var grown = Shard(capacity: old.slots.count * 2)
            FlatHashSet64.rehash(UnsafeBufferPointer(old.slots), into: grown.slots)
            grown.count = old.count
            old.slots.deallocate()
            shard.pointee = grown
        }
    }
}
