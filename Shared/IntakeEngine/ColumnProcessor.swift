import IntakeDomain

/// One template column through a sheet: its normaliser and all it remembers — the readings of enum and
/// boolean values, the hashes of a `unique` column's values, its failures and repairs, how many cells were
/// filled and how many distinct values they held.
///
/// Columns share nothing, so a sheet's columns can be processed side by side (`SheetProcessor`). A value:
/// moved (never copied) into the lane that processes it, so its sets grow in place.
struct ColumnProcessor: Sendable {
    let position: Int
    let column: TemplateColumn
    /// The source column it reads, nil when the file has none for it.
    let sourceIndex: Int?
    let sheetKey: String
    private let normalizer: ColumnNormalizer
    /// For a `link` column, the values its linked sheet holds.
    private let link: LinkedValues?
    private(set) var failures = ColumnFailures()
    private(set) var heals = ColumnHeals()
    private(set) var filled = 0
    /// Its distinct values, by hash; for a `unique` column, only the values that failed (its valid values are
    /// counted exactly by `seenUnique`).
    private(set) var distinct = DistinctCounter()
    /// The average bytes of its values in the last batch (rounded up), to size the next batch's buffer.
    var bytesPerValue = 8
    /// For a `unique` column, the 64-bit hashes of the values seen: about 16 bytes a row instead of the value,
    /// so a 10-million-row file stays in memory. Two different values share a hash with a probability near
    /// n²/2⁶⁵ (about 10⁻⁸ for a million rows); such a pair would be reported as a unique-error, never missed.
    private var seenUnique: HashSet64?
    /// For a `unique` column read a batch at a time: the hashes of the batch's values (with each one's slot in
    /// the batch and record number), checked against `seenUnique` together once the batch is read
    /// (`checkUnique`). One insert into a set of millions stalls on a cache miss (~200 ns); back to back, the
    /// misses of many inserts overlap.
    private var pendingHashes: [UInt64] = []
    private var pendingCells: [(slot: Int, number: Int)] = []
    /// For columns whose values repeat (enum, boolean, date), readings of the values seen so far, each read
    /// once: up to 1,024 values (16,384 for dates: a few years of days, written a few ways). Not optional:
    /// the per-cell loop reads it in place (unwrapping an optional stored struct copies it, retaining each of
    /// its arrays, on every cell); other columns hold an empty one and `usesMemo` is false.
    private var memo: ReadingMemo
    private let usesMemo: Bool
    /// This process's value hash, kept at hand for the per-cell loop.
    private let hasher = ValueHash.process
    /// Whether a cell that needs no trimming, or only ASCII spaces and tabs trimmed, is read from its bytes:
    /// a type read byte by byte (a date with no declared format: one written as numbers; any other date goes
    /// on to the memo), no value map, default, pattern or link.
    private let readsBytes: Bool
    /// The entries of `heals` counting the byte path's repairs: the type's own (a phone or number format),
    /// and trimming (nil kind: none met yet).
    private var bytesRepairs: [(kind: HealKind?, entry: Int)] = [(nil, 0), (nil, 0)]
    /// The entries of `heals` counting dates read from their bytes, by pattern slot (-1: none met yet).
    private var dateRepairs = [Int](repeating: -1, count: DateOrder.patternSlots)
    /// Whether an empty cell (or a missing one) is simply empty: an optional column that no default or value
    /// map fills (most cells of a sparse column), so it skips the text path.
    private let keepsEmptyCells: Bool
    /// What its source column's cells show about how dates and numbers are written, gathered as they are read
    /// once `observe(from:)` starts it, from where the sheet's head left it: the whole column's. A cell read
    /// from its bytes adds what its reader found; any other is observed on its own (`observe(cell:)`).
    private(set) var evidence = ColumnEvidence()
    /// Which evidence its cells are read for (a date column's, a number column's; none for other types).
    private(set) var watchesDates = false
    private(set) var watchesNumbers = false
    /// Either of the two, kept as one flag for the per-cell loop's test.
    private var watches = false

    /// `expectedRecords`, when known, sizes a `unique` column's set of hashes ahead.
    init(
        position: Int, column: TemplateColumn, sourceIndex: Int?, sheetKey: String, normalizer: ColumnNormalizer, link: LinkedValues?,
        expectedRecords: Int? = nil
    ) {
        self.position = position
        self.column = column
        self.sourceIndex = sourceIndex
        self.sheetKey = sheetKey
        self.normalizer = normalizer
        self.link = link
        self.seenUnique = column.unique ? HashSet64(reservingCapacity: expectedRecords ?? 0) : nil
        self.memo = switch column.type {
        case .enum, .boolean: ReadingMemo(limit: 1024)
        case .date, .datetime: ReadingMemo(limit: 16_384)
        default: ReadingMemo(limit: 0)
        }
        self.usesMemo = memo.limit > 0
        self.readsBytes = normalizer.readsBytes && link == nil
        self.keepsEmptyCells = !column.required && normalizer.defaultValue == nil && normalizer.valueMap[""] == nil
    }

    /// From now on gathers the evidence its type needs from each cell it reads (dates for a date column,
    /// numbers for a number column), adding to `head`: what the sheet's first records showed.
    mutating func observe(from head: ColumnEvidence) {
        guard sourceIndex != nil else { return }
        evidence = head
        watchesDates = column.type == .date || column.type == .datetime
        watchesNumbers = column.type == .decimal || column.type == .integer
        watches = watchesDates || watchesNumbers
    }

    /// Observes a cell its byte reader did not read (kept out of line: most cells never come here).
    @inline(never)
    private mutating func observe(cell: UnsafeBufferPointer<UInt8>) {
        evidence.observe(bytes: cell, dates: watchesDates, numbers: watchesNumbers)
    }

    /// The slots of its `unique` set (nil when not `unique`).
    var uniqueCapacity: Int? { seenUnique?.capacity }

    /// A rough relative cost of reading one of its cells, for spreading columns over lanes, from per-column
    /// timings over the 1M-row contacts file. Since cells are read from bytes a string costs relatively less
    /// (~0.04 s a million against ~0.7 s for an email with `unique`), yet the contacts template's two lanes
    /// still come out within about 15 % of each other.
    var weight: Int {
        guard sourceIndex != nil else { return 0 }
        let reading = switch column.type {
        case .string: 2
        case .enum, .boolean: 3
        case .integer, .decimal, .url: 6
        case .phone, .date, .datetime: 7
        case .email: 8
        }
        return reading + (column.unique ? 3 : 0)
    }

    /// Reads this column's cell of the record numbered `number`, given as UTF-8 bytes (nil when the record is
    /// too short to have one); appends the value the row keeps (canonical, or the trimmed source value when
    /// invalid) to `values` and the cell's errors to `invalid`.
    ///
    /// An empty cell of an optional column is empty; a valid cell that needs no trimming (or only spaces and
    /// tabs trimmed) is read from its bytes where the column's type allows (string, email, phone, integer,
    /// decimal, a date written as numbers), and a value seen before from the memo of a column whose values
    /// repeat; any other is read as text.
    ///
    /// With a `slot` (its place in a batch), a `unique` column's check waits for `checkUnique`; without one, it
    /// is made at once.
    ///
    /// `reader` is the column's reader of cells from their bytes (`ColumnNormalizer.withBytesReader`), as its
    /// own type so that a loop over cells inlines it (`run`).
    @inline(__always)
    mutating func process<Reader: CellBytesReader>(
        number: Int, cell: UnsafeBufferPointer<UInt8>?, slot: Int?, reader: Reader, into values: inout ColumnValues.Writer, invalid: inout [InvalidCell]
    ) {
        if keepsEmptyCells, cell?.isEmpty ?? true {
            values.append(UnsafeBufferPointer(start: nil, count: 0))
            return
        }
        if readsBytes, let cell, let solid = ValueText.solidASCIITrimmed(cell),
           let reading = watches && solid.count == cell.count
               ? reader.read(bytes: solid, into: &values, observing: &evidence) : reader.read(bytes: solid, into: &values)
        {
            let padded = solid.count < cell.count
            if watches, padded { observe(cell: cell) }
            switch reading {
            case .repaired(let kind):
                countBytesRepair(kind, raw: cell, values: values, row: number)
            case .dateRepaired(let slot):
                countDateRepair(slot, raw: cell, values: values, row: number)
            case .asWritten where padded:
                countBytesRepair(.trimmed, raw: cell, values: values, row: number)
            case .asWritten:
                break
            }
            let hash = Reader.keepsBytes ? hasher.hash(solid) : values.withLast(hasher.hash)
            if seenUnique == nil {
                distinct.insert(hash)
            } else if !checkUnique(hash, number: number, slot: slot) {
                let failure = Self.repeated(values.withLast { String(decoding: $0, as: UTF8.self) })
                failures.record(raw: String(decoding: solid, as: UTF8.self), failure: failure)
                invalid.append(self.cell(number, String(decoding: cell, as: UTF8.self), failure))
            }
            filled += 1
            return
        }
        if watches, let cell { observe(cell: cell) }
        if usesMemo, seenUnique == nil, link == nil, let cell, let index = memo.find(cell, hash: ReadingMemo.keyHash(cell, hasher: hasher)), !memo.entries[index].failed {
            let entry = memo.entries[index]
            if entry.healEntry >= 0 {
                heals.count(entry: Int(entry.healEntry))
            } else if entry.healEntry == ReadingMemo.unknown {
                // The first time the key is met again: its repair (if any) is counted, and remembered.
                switch memo.readings[index] {
                case .value(let value) where !value.isEmpty && ValueText.hasPadding(cell):
                    memo.setHealEntry(index, Int32(heals.add(CellHeal(kind: .trimmed), raw: cell, canonical: value, row: number)))
                case .value:
                    memo.setHealEntry(index, ReadingMemo.noHeal)
                case .healed(let value, let heal):
                    memo.setHealEntry(index, Int32(heals.add(heal, raw: cell, canonical: value, row: number)))
                case .failure:
                    preconditionFailure("a failed reading is read as text")
                }
            }
            // Seen before, so already counted among the distinct values.
            if entry.canonicalCount > 0 { filled += 1 }
            memo.withCanonical(index) { values.append($0) }
            return
        }
        values.append(process(number: number, text: cell.map { String(decoding: $0, as: UTF8.self) }, slot: slot, invalid: &invalid))
    }

    /// Reads its cells of kept records of a batch (`cells`, the batch's record `numbers`; `kept`, a run of
    /// the batch's kept records, each one's slot its position among them all), slot by slot, appending their
    /// values to `values` and their errors (by slot) to `invalid`; a `unique` column's checks wait for
    /// `checkUnique`. The loop is compiled once per column type, its byte reader inlined.
    mutating func run(
        over cells: RecordBatch.ColumnCells, numbers: [Int], kept: ArraySlice<Int>, into values: inout ColumnValues.Writer,
        invalid: inout [(slot: Int, cell: InvalidCell)]
    ) {
        let normalizer = normalizer
        withUnsafeMutablePointer(to: &self) { column in
            withUnsafeMutablePointer(to: &values) { values in
                withUnsafeMutablePointer(to: &invalid) { invalid in
                    var pass = CellsPass(column: column, cells: cells, numbers: numbers, kept: kept, values: values, invalid: invalid)
                    normalizer.withBytesReader(&pass)
                }
            }
        }
    }

    /// `run`'s loop, given the column's byte reader as its own type.
    private struct CellsPass: CellBytesReaderUser {
        let column: UnsafeMutablePointer<ColumnProcessor>
        let cells: RecordBatch.ColumnCells
        let numbers: [Int]
        let kept: ArraySlice<Int>
        let values: UnsafeMutablePointer<ColumnValues.Writer>
        let invalid: UnsafeMutablePointer<[(slot: Int, cell: InvalidCell)]>

        mutating func use<Reader: CellBytesReader>(_ reader: Reader) {
            var cellInvalid: [InvalidCell] = []
            for slot in kept.indices {
                let index = kept[slot]
                column.pointee.process(number: numbers[index], cell: cells[index], slot: slot, reader: reader, into: &values.pointee, invalid: &cellInvalid)
                if !cellInvalid.isEmpty {
                    for cell in cellInvalid { invalid.pointee.append((slot, cell)) }
                    cellInvalid.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// Counts a repair of a cell read from its bytes (`raw`, its canonical value the last of `values`). Such
    /// a repair names only its kind, so each kind has one entry in `heals`, remembered after its first cell.
    @inline(__always)
    private mutating func countBytesRepair(_ kind: HealKind, raw: UnsafeBufferPointer<UInt8>, values: ColumnValues.Writer, row: Int) {
        let slot = kind == .trimmed ? 1 : 0
        if bytesRepairs[slot].kind == kind {
            heals.count(entry: bytesRepairs[slot].entry)
            return
        }
        let entry = heals.add(CellHeal(kind: kind), raw: raw, canonical: values.withLast { String(decoding: $0, as: UTF8.self) }, row: row)
        bytesRepairs[slot] = (kind, entry)
    }

    /// Counts a date read from its bytes in the numeric pattern of `slot` (the entry remembered after the
    /// pattern's first cell).
    @inline(__always)
    private mutating func countDateRepair(_ slot: Int, raw: UnsafeBufferPointer<UInt8>, values: ColumnValues.Writer, row: Int) {
        if dateRepairs[slot] >= 0 {
            heals.count(entry: dateRepairs[slot])
            return
        }
        dateRepairs[slot] = heals.add(normalizer.dateHeal(patternSlot: slot), raw: raw, canonical: values.withLast { String(decoding: $0, as: UTF8.self) }, row: row)
    }

    /// Checks `hash` against the values seen so far: at once without a `slot` (false for a value seen
    /// before), else later, with the batch (true for now).
    @inline(__always)
    private mutating func checkUnique(_ hash: UInt64, number: Int, slot: Int?) -> Bool {
        guard let slot else { return seenUnique!.insert(hash) }
        pendingHashes.append(hash)
        pendingCells.append((slot, number))
        return true
    }

    /// Makes the `unique` checks a batch's cells left waiting, in their order: a value seen in an earlier row
    /// (of this batch or before) gets its error, placed among the batch's invalid cells (by slot) before any
    /// other error of its cell, as the check at once would have placed it. `values` are the batch's values,
    /// `raw(slot)` a cell's text.
    mutating func checkUnique(_ values: ColumnValues, raw: (Int) -> String, invalid: inout [(slot: Int, cell: InvalidCell)]) {
        guard !pendingHashes.isEmpty else { return }
        defer {
            pendingHashes.removeAll(keepingCapacity: true)
            pendingCells.removeAll(keepingCapacity: true)
        }
        let seen = pendingHashes.withUnsafeBufferPointer { seenUnique!.insert(contentsOf: $0) }
        guard !seen.isEmpty else { return }
        var duplicates: [(slot: Int, cell: InvalidCell)] = []
        for index in seen {
            let (slot, number) = pendingCells[index]
            let raw = raw(slot)
            let failure = Self.repeated(values.withValue(slot) { String(decoding: $0, as: UTF8.self) })
            failures.record(raw: ValueText.trimmed(raw), failure: failure)
            duplicates.append((slot, cell(number, raw, failure)))
        }
        var merged: [(slot: Int, cell: InvalidCell)] = []
        merged.reserveCapacity(invalid.count + duplicates.count)
        var next = 0
        for duplicate in duplicates {
            while next < invalid.count, invalid[next].slot < duplicate.slot {
                merged.append(invalid[next])
                next += 1
            }
            merged.append(duplicate)
        }
        merged += invalid[next...]
        invalid = merged
    }

    /// Reads this column's cell of a record given as text (nil when the record is too short to have one):
    /// returns the value the row keeps and appends the cell's errors to `invalid`.
    mutating func process(number: Int, text: String?, slot: Int? = nil, invalid: inout [InvalidCell]) -> String {
        var raw = ""
        if sourceIndex != nil {
            if let text {
                raw = text
            } else if column.required {
                let failure = CellFailure(.missingCell, "the record has no cell for this column")
                failures.record(raw: "", failure: failure)
                invalid.append(cell(number, "", failure))
                return ""
            }
        }
        let (reading, known) = read(raw)
        let value: String
        switch reading {
        case .value(let canonical):
            if ValueText.hasPadding(raw), !canonical.isEmpty { heals.add(CellHeal(kind: .trimmed), raw: raw, canonical: canonical, row: number) }
            value = canonical
        case .healed(let canonical, let heal):
            heals.add(heal, raw: raw, canonical: canonical, row: number)
            value = canonical
        case .failure(var failure):
            if sourceIndex == nil, raw.isEmpty {
                failure.message = "the file has no column for \"\(column.key)\", which is required"
            }
            value = ValueText.trimmed(raw)
            failures.record(raw: value, failure: failure)
            invalid.append(cell(number, raw, failure))
            count(value, known: known)
            return value
        }
        guard !value.isEmpty else { return value }
        let hash = hasher.hash(value)
        if seenUnique != nil, !checkUnique(hash, number: number, slot: slot) {
            let failure = Self.repeated(value)
            failures.record(raw: ValueText.trimmed(raw), failure: failure)
            invalid.append(cell(number, raw, failure))
        }
        if let link, !link.values.contains(value) {
            let failure = CellFailure(.foreignKey, "\"\(value)\" matches no \(link.column) of sheet \"\(link.sheet)\"")
            failures.record(raw: ValueText.trimmed(raw), failure: failure)
            invalid.append(cell(number, raw, failure))
        }
        filled += 1
        if !known, seenUnique == nil { distinct.insert(hash) }
        return value
    }

    /// How many distinct values its cells held: for a `unique` column exactly, its valid values' hashes and
    /// the distinct failing values beside them; otherwise `distinct`'s count (exact while few).
    var distinctCount: Int {
        guard let seenUnique else { return distinct.count }
        return seenUnique.count + distinct.count(notIn: seenUnique)
    }

    /// Counts a kept value in the fill profile; `known`: a memoised reading, already counted as distinct.
    private mutating func count(_ value: String, known: Bool) {
        guard !value.isEmpty else { return }
        filled += 1
        if !known { distinct.insert(hasher.hash(value)) }
    }

    /// Reads one cell, remembering the readings of columns whose values repeat; `known` when the reading
    /// came from the memo.
    private mutating func read(_ raw: String) -> (CellReading, known: Bool) {
        guard usesMemo else { return (normalizer.normalize(raw), false) }
        var key = raw
        return key.withUTF8 { bytes in
            let hash = ReadingMemo.keyHash(bytes, hasher: hasher)
            if let index = memo.find(bytes, hash: hash) { return (memo.readings[index], true) }
            let reading = normalizer.normalize(raw)
            memo.remember(bytes, hash: hash, reading)
            return (reading, false)
        }
    }

    /// The error of a `unique` column's value seen in an earlier row (checked at once or with its batch).
    private static func repeated(_ value: String) -> CellFailure {
        CellFailure(.uniqueError, "\"\(value)\" already appears in an earlier row")
    }

    private func cell(_ number: Int, _ value: String, _ failure: CellFailure) -> InvalidCell {
        InvalidCell(sheet: sheetKey, row: number, column: column.key, value: value, code: failure.code, message: failure.message)
    }
}
