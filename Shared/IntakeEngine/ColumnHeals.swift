import IntakeDomain

/// Counts one column's cell repairs by kind, keeping the first repaired cell of each kind as an example and
/// the record it was in (so a sheet reports its repairs in the order a reader met them, whichever lane
/// processed which column).
struct ColumnHeals: Sendable, Equatable {
    struct Entry: Equatable {
        var heal: CellHeal
        var cells: Int
        var exampleFrom: String
        var exampleTo: String
        var firstRow: Int
    }

    /// A handful of kinds at most, so a linear search beats hashing. Their `cells` leave out what `tally` holds.
    private var stored: [Entry] = []
    /// Repairs counted by `count(entry:)` for the first `Tally.size` entries, kept in the value itself: the
    /// per-cell loops count most cells here (phone and number formats, dates, trims, memoised readings), and
    /// an increment of an array's element first checks that its buffer is not shared, a call per cell.
    private var tally = Tally()

    /// The repairs counted, by kind, in the order their kinds were first met.
    var entries: [Entry] {
        var entries = stored
        for index in entries.indices.prefix(Tally.size) { entries[index].cells += tally[index] }
        return entries
    }

    /// Counts one repair; `raw` (trimmed here) becomes the example when it is the first of its kind.
    /// Returns the entry that counts it.
    @discardableResult
    mutating func add(_ heal: CellHeal, raw: String, canonical: String, row: Int) -> Int {
        if let index = index(of: heal) {
            stored[index].cells += 1
            return index
        }
        stored.append(Entry(heal: heal, cells: 1, exampleFrom: ValueText.trimmed(raw), exampleTo: canonical, firstRow: row))
        return stored.count - 1
    }

    /// Counts one repair of a cell given as UTF-8 bytes (the text of its example built only for the first).
    @discardableResult
    mutating func add(_ heal: CellHeal, raw: UnsafeBufferPointer<UInt8>, canonical: @autoclosure () -> String, row: Int) -> Int {
        if let index = index(of: heal) {
            stored[index].cells += 1
            return index
        }
        return add(heal, raw: String(decoding: raw, as: UTF8.self), canonical: canonical(), row: row)
    }

    /// The entry counting `heal`'s kind of repair (compared in place: no entry is copied).
    @inline(__always)
    private func index(of heal: CellHeal) -> Int? {
        for index in stored.indices where stored[index].heal == heal { return index }
        return nil
    }

    /// Counts one more repair in entry `entry` (returned by an earlier `add` of the same kind).
    @inline(__always)
    mutating func count(entry: Int) {
        if entry < Tally.size {
            tally.add(entry)
        } else {
            stored[entry].cells += 1
        }
    }

    /// Cells repaired, all kinds together.
    var cells: Int { entries.reduce(0) { $0 + $1.cells } }

    /// Equal when the same repairs were counted, however they were counted.
    static func == (lhs: ColumnHeals, rhs: ColumnHeals) -> Bool {
        lhs.entries == rhs.entries
    }

    /// Eight counters held inline.
    struct Tally: Sendable {
        static let size = 8
        private var counts: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)

        subscript(index: Int) -> Int {
            precondition(index >= 0 && index < Self.size)
            return withUnsafeBytes(of: counts) { $0.load(fromByteOffset: index * MemoryLayout<Int>.stride, as: Int.self) }
        }

        @inline(__always)
        mutating func add(_ index: Int) {
            precondition(index >= 0 && index < Self.size)
            withUnsafeMutableBytes(of: &counts) { counts in
                let offset = index * MemoryLayout<Int>.stride
                counts.storeBytes(of: counts.load(fromByteOffset: offset, as: Int.self) + 1, toByteOffset: offset, as: Int.self)
            }
        }
    }
}
