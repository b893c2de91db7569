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

    /// A handful of kinds at most, so a linear search beats hashing.
    private(set) var entries: [Entry] = []

    /// Counts one repair; `raw` (trimmed here) becomes the example when it is the first of its kind.
    /// Returns the entry that counts it.
    @discardableResult
    mutating func add(_ heal: CellHeal, raw: String, canonical: String, row: Int) -> Int {
        if let index = index(of: heal) {
            entries[index].cells += 1
            return index
        }
        entries.append(Entry(heal: heal, cells: 1, exampleFrom: ValueText.trimmed(raw), exampleTo: canonical, firstRow: row))
        return entries.count - 1
    }

    /// Counts one repair of a cell given as UTF-8 bytes (the text of its example built only for the first).
    @discardableResult
    mutating func add(_ heal: CellHeal, raw: UnsafeBufferPointer<UInt8>, canonical: @autoclosure () -> String, row: Int) -> Int {
        if let index = index(of: heal) {
            entries[index].cells += 1
            return index
        }
        return add(heal, raw: String(decoding: raw, as: UTF8.self), canonical: canonical(), row: row)
    }

    /// The entry counting `heal`'s kind of repair (compared in place: no entry is copied).
    @inline(__always)
    private func index(of heal: CellHeal) -> Int? {
        for index in entries.indices where entries[index].heal == heal { return index }
        return nil
    }

    /// Counts one more repair in entry `entry` (returned by an earlier `add` of the same kind).
    @inline(__always)
    mutating func count(entry: Int) {
        entries[entry].cells += 1
    }

    /// Cells repaired, all kinds together.
    var cells: Int { entries.reduce(0) { $0 + $1.cells } }
}
