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
    private var storage = Storage()

    init() {}

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
    /// last). So `hashes` go in a run at a time: first each one's slot is read, loads that depend on nothing
    /// and so overlap, then the run is inserted from a warm cache.
    mutating func insert(contentsOf hashes: UnsafeBufferPointer<UInt64>) -> [Int] {
        makeUnique()
        var seen: [Int] = []
        var start = 0
        while start < hashes.count {
            let run = UnsafeBufferPointer(rebasing: hashes[start..<min(start + Self.warmedRun, hashes.count)])
            storage.warm(run)
            for index in run.indices where !storage.insert(run[index]) { seen.append(start + index) }
            start += run.count
        }
        return seen
    }

    /// Hashes read ahead together: enough to keep the memory system busy, few enough that their lines stay
    /// in the cache until inserted.
    static let warmedRun = 64

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
        /// What `warm` read (meaningless; kept so its reads stay).
        private var warmed: UInt64 = 0

        init(shardCapacity: Int = 16) {
            shards = .allocate(capacity: 1 << shardBits)
            for index in 0..<(1 << shardBits) { (shards + index).initialize(to: Shard(capacity: shardCapacity)) }
        }

        deinit {
            for index in 0..<(1 << shardBits) { shards[index].slots.deallocate() }
            shards.deinitialize(count: 1 << shardBits)
            shards.deallocate()
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

        /// Reads the first slot each of `hashes` would probe (the xor of what they hold is kept, so the reads
        /// are not optimised away).
        @inline(__always)
        func warm(_ hashes: UnsafeBufferPointer<UInt64>) {
            var folded: UInt64 = 0
            for hash in hashes {
                folded ^= FlatHashSet64.firstSlot(of: hash, in: UnsafeBufferPointer(shard(hash).pointee.slots))
            }
            warmed ^= folded
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
