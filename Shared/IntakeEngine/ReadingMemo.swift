#if canImport(Glibc)
import func Glibc.memcmp
#else
import func Darwin.memcmp
#endif

/// A column's readings of the raw values it has seen, keyed by their bytes, for columns whose values repeat
/// (enums, booleans, dates): a repeated cell is found by its `keyHash` and one comparison, with no string
/// built. Holds at most `limit` values; later new values are simply read each time.
///
/// Open addressing over a power-of-two table; keys and canonical values are kept in two byte arenas. A key of
/// up to eight bytes (most booleans and enum values) is known by its bytes themselves, as one word: no hash
/// to compute, and found by comparing words, with no bytes compared after. A longer key is known by its
/// `ValueHash`, its bytes compared on a match. Either is placed by `slot`, one multiply mixing in the
/// process's secrets.
struct ReadingMemo: Sendable {
    /// What a repeated cell needs, in one plain 32-byte value (nothing to retain): its key's `keyHash` and bytes,
    /// and its reading's canonical bytes, failure and repair count.
    struct Entry: Sendable {
        var hash: UInt64
        var keyStart: Int32
        var keyCount: Int32
        var canonicalStart: Int32
        var canonicalCount: Int32
        /// The column's entry counting the repair a cell with this key gets (its reading's, or the trim of a
        /// padded key), once known: `unknown` until the key is met again, `noHeal` when there is none.
        var healEntry: Int32
        /// Whether the reading is a failure (read again as text, for its error).
        var failed: Bool
    }

    static let unknown: Int32 = -1
    static let noHeal: Int32 = -2

    let limit: Int
    /// Places keys in slots (`slot`): a copy of this process's value hash, kept at hand.
    private let mixer = ValueHash.process
    private var slots: [Int32]
    private(set) var entries: [Entry] = []
    private var keys: [UInt8] = []
    /// The reading of each entry (needed when a value's repair is first counted, or as text is read).
    private(set) var readings: [CellReading] = []
    private var canonicals: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
        slots = [Int32](repeating: -1, count: 16)
    }

    var count: Int { entries.count }

    /// The longest key known by its bytes (`keyHash`).
    static let wordKeyLength = 8

    /// What the memo knows `key` by: a key of up to `wordKeyLength` bytes by its bytes, read as one
    /// little-endian word (with its length, exact); a longer one by its `ValueHash`.
    @inline(__always)
    static func keyHash(_ key: UnsafeBufferPointer<UInt8>, hasher: ValueHash) -> UInt64 {
        let count = key.count
        guard count <= wordKeyLength, let base = UnsafeRawPointer(key.baseAddress) else { return hasher.hash(key) }
        switch count {
        case 4...:
            // Two overlapping halves: the bytes they share are the same, so or-ing them loses nothing.
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return low | high << UInt64(8 * (count - 4))
        case 1...:
            let middle = count >> 1
            return UInt64(key[0]) | UInt64(key[middle]) << UInt64(8 * middle) | UInt64(key[count - 1]) << UInt64(8 * (count - 1))
        default:
            return 0
        }
    }

    /// The entry of `key`, whose `keyHash` is `hash` (its index in `entries` and `readings`), nil when not seen.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = self.slot(hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[Int(index)]
            if entry.hash == hash, Int(entry.keyCount) == key.count, key.count <= Self.wordKeyLength || keys.withUnsafeBytes({ keys in
                Self.equal(keys.baseAddress! + Int(entry.keyStart), key)
            }) {
                return Int(index)
            }
            slot = (slot + 1) & mask
        }
    }

    /// The first slot of `hash`'s probe sequence (before masking). A short key's `keyHash` is its bytes, so
    /// they are mixed with the process's secrets first: enum values that differ only in their last bytes
    /// ("Tier 1", "Tier 2") must not share a slot, nor can a file's values be chosen to.
    @inline(__always)
    func slot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: mixer.mix(hash))
    }

    /// Whether the `key.count` bytes at `stored` are `key`'s. Same hash and length, so they almost surely
    /// are: a key of 8 to 16 bytes is compared as two overlapping words a side, any other with `memcmp` (keys
    /// up to `wordKeyLength` bytes never come here: their `keyHash` is their bytes).
    @inline(__always)
    static func equal(_ stored: UnsafeRawPointer, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = key.count
        guard let base = UnsafeRawPointer(key.baseAddress) else { return true }
        guard (8...16).contains(count) else { return memcmp(stored, base, count) == 0 }
        return ByteLanes.load(stored, 0) == ByteLanes.load(base, 0) && ByteLanes.load(stored, count - 8) == ByteLanes.load(base, count - 8)
    }

    /// Remembers `reading` for `key` (not already there; `hash` its `keyHash`), unless the memo is full.
    mutating func remember(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, _ reading: CellReading) {
        guard entries.count < limit else { return }
        // At most half full, growing with the values actually seen: a table sized for the limit (32K slots
        // for dates) would spread a few hundred values over more cache lines than they need.
        if (entries.count + 1) * 2 > slots.count { grow() }
        slots[freeSlot(hash)] = Int32(entries.count)
        let keyStart = keys.count
        keys.append(contentsOf: key)
        var canonical = reading.canonical ?? ""
        let canonicalStart = canonicals.count
        canonical.withUTF8 { canonicals.append(contentsOf: $0) }
        var failed = false
        if case .failure = reading { failed = true }
        entries.append(Entry(
            hash: hash, keyStart: Int32(keyStart), keyCount: Int32(key.count), canonicalStart: Int32(canonicalStart),
            canonicalCount: Int32(canonicals.count - canonicalStart), healEntry: Self.unknown, failed: failed
        ))
        readings.append(reading)
    }

    /// The first free slot on `hash`'s probe sequence.
    private func freeSlot(_ hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = self.slot(hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in entries.indices { slots[freeSlot(entries[index].hash)] = Int32(index) }
    }

    /// Notes the entry of `ColumnHeals` that counts the repair of entry `index`'s cells (or `noHeal`).
    mutating func setHealEntry(_ index: Int, _ entry: Int32) {
        entries[index].healEntry = entry
    }

    /// Calls `body` with the canonical bytes of remembered reading `index`.
    @inline(__always)
    func withCanonical<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let entry = entries[index]
        let start = Int(entry.canonicalStart)
        return canonicals.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + Int(entry.canonicalCount))])) }
    }
}
