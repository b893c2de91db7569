/// What the cells of one source column showed about how it is written, gathered over the whole column so
/// that decisions (day/month order, decimal separator) rest on every value, not on the first few.
public struct ColumnEvidence: Sendable, Equatable {
    public var dates = DateEvidence()
    public var numbers = NumberEvidence()

    public init() {}

    mutating func observe(_ raw: String, dates watchDates: Bool = true, numbers watchNumbers: Bool = true) {
        guard !ValueText.isBlank(raw) else { return }
        if watchDates { dates.observe(ValueText.trimmed(raw)) }
        if watchNumbers { numbers.observe(raw) }
    }

    /// Observes a raw value given as UTF-8 bytes; one that needs trimming is read as text.
    mutating func observe(bytes raw: UnsafeBufferPointer<UInt8>, dates watchDates: Bool, numbers watchNumbers: Bool) {
        guard ValueText.isSolid(raw) else {
            if !ValueText.isBlank(raw) { observe(String(decoding: raw, as: UTF8.self), dates: watchDates, numbers: watchNumbers) }
            return
        }
        if watchDates { dates.observe(bytes: raw) }
        if watchNumbers { numbers.observe(bytes: raw) }
    }
}

/// Evidence for every source column of a sheet.
public struct SheetEvidence: Sendable, Equatable {
    public private(set) var columns: [ColumnEvidence]

    public init(width: Int) {
        columns = [ColumnEvidence](repeating: ColumnEvidence(), count: width)
    }

    /// Observes records `range` of `records`, every source column for both kinds of evidence (before the
    /// header mapping is known; after it, each template column's processor gathers what its type needs as it
    /// reads). Cells are read in place: only one that needs trimming becomes a `String`.
    mutating func observe(_ records: RecordBatch, _ range: Range<Int>) {
        let width = columns.count
        records.forEachField(in: range) { field, bytes in
            if field < width { columns[field].observe(bytes: bytes, dates: true, numbers: true) }
        }
    }

    /// Replaces what source column `index` showed about dates (gathered where its cells were read).
    mutating func set(_ index: Int, dates: DateEvidence) {
        if index < columns.count { columns[index].dates = dates }
    }

    /// Replaces what source column `index` showed about numbers (gathered where its cells were read).
    mutating func set(_ index: Int, numbers: NumberEvidence) {
        if index < columns.count { columns[index].numbers = numbers }
    }

    /// The evidence of source column `index` (empty past the header's width).
    public func column(_ index: Int?) -> ColumnEvidence {
        guard let index, index < columns.count else { return ColumnEvidence() }
        return columns[index]
    }
}
