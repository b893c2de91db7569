/// A set of 64-bit hashes: 32 shards (chosen by the hash's top bits), each a `FlatHashSet64` kept at most three
/// quarters full (11–21 bytes a member), no per-member allocation. Shards grow one at a time, so growing never
/// holds the whole set twice (a single table would peak at 1.5× its size while it rehashes: +24 MiB at a
/// million members). A probe mostly stays within one cache line, so an insert into a set of millions costs
/// about one cache miss.
struct HashSet64: Sendable, Equatable {
    private static let shardBits = 5
    private var shards = [FlatHashSet64](repeating: FlatHashSet64(), count: 1 << shardBits)
    private(set) var count = 0
    /// What `warm` read (meaningless; kept so its reads stay).
    private var warmed: UInt64 = 0

    init() {}

    /// Adds `hash`; true when it was not there yet.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        let inserted = shards[Self.shard(hash)].insert(hash)
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

    /// Hashes read ahead together: enough to keep the memory system busy, few enough that their lines stay
    /// in the cache until inserted.
    static let warmedRun = 64

    /// Reads the first slot each of `hashes` would probe (the xor of what they hold is kept, so the reads
    /// are not optimised away).
    private mutating func warm(_ hashes: UnsafeBufferPointer<UInt64>) {
        var folded: UInt64 = 0
        shards.withUnsafeBufferPointer { shards in
            for hash in hashes { folded ^= shards[Self.shard(hash)].firstSlot(of: hash) }
        }
        warmed ^= folded
    }

    func contains(_ hash: UInt64) -> Bool {
        shards[Self.shard(hash)].contains(hash)
    }

    static func == (lhs: HashSet64, rhs: HashSet64) -> Bool {
        lhs.count == rhs.count && lhs.shards == rhs.shards
    }

    @inline(__always)
    private static func shard(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - shardBits))
    }
}
