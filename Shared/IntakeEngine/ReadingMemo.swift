#if canImport(Glibc)
import func Glibc.memcmp
#else
import func Darwin.memcmp
#endif

/// A column's readings of the raw values it has seen, keyed by their bytes, for columns whose values repeat
/// (enums, booleans, dates): a repeated cell is read by one hash and one comparison of its bytes, with no
/// string built. Holds at most `limit` values; later new values are simply read each time.
///
/// Open addressing over a power-of-two table; keys and canonical values are kept in two byte arenas.
struct ReadingMemo: Sendable {
    struct Entry: Sendable {
        var hash: UInt64
        var keyStart: Int32
        var keyCount: Int32
        /// Index in `readings`.
        var reading: Int32
    }

    /// A remembered reading with its canonical value's bytes.
    struct Remembered: Sendable {
        var reading: CellReading
        var canonicalStart: Int
        var canonicalCount: Int
        /// Whether the reading is a failure (read again as text, for its error).
        var failed: Bool
        /// For a repaired value, the column's entry counting its kind of repair, once known (-1 until then).
        var healEntry: Int
    }

    let limit: Int
    private var slots: [Int32]
    private var entries: [Entry] = []
    private var keys: [UInt8] = []
    private(set) var readings: [Remembered] = []
    private var canonicals: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
        var size = 16
        while size < limit * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { entries.count }

    /// The remembered reading of `key` (its index in `readings`), nil when not seen.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[Int(index)]
            if entry.hash == hash, Int(entry.keyCount) == key.count, keys.withUnsafeBytes({ keys in
                // Same hash and length: the bytes almost surely match; compared at once, not byte by byte.
                key.isEmpty || memcmp(keys.baseAddress! + Int(entry.keyStart), key.baseAddress!, key.count) == 0
            }) {
                return Int(entry.reading)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Remembers `reading` for `key` (not already there), unless the memo is full.
    mutating func remember(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, _ reading: CellReading) {
        guard entries.count < limit else { return }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, keyStart: Int32(keys.count), keyCount: Int32(key.count), reading: Int32(readings.count)))
        keys.append(contentsOf: key)
        var canonical = reading.canonical ?? ""
        let start = canonicals.count
        canonical.withUTF8 { canonicals.append(contentsOf: $0) }
        var failed = false
        if case .failure = reading { failed = true }
        readings.append(Remembered(reading: reading, canonicalStart: start, canonicalCount: canonicals.count - start, failed: failed, healEntry: -1))
    }

    /// Notes the entry of `ColumnHeals` that counts remembered reading `index`'s repair.
    mutating func setHealEntry(_ index: Int, _ entry: Int) {
        readings[index].healEntry = entry
    }

    /// Calls `body` with the canonical bytes of remembered reading `index`.
    @inline(__always)
    func withCanonical<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let remembered = readings[index]
        return canonicals.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[remembered.canonicalStart..<(remembered.canonicalStart + remembered.canonicalCount)])) }
    }
}
