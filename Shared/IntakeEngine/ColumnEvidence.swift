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
    /// What to gather from one source column once the mapping is known.
    public struct Watch: Sendable, Equatable {
        public var index: Int
        public var dates: Bool
        public var numbers: Bool
    }

    public private(set) var columns: [ColumnEvidence]
    /// Columns still observed; nil: all, for both kinds (before the header mapping is known).
    private var watched: [Watch]?

    public init(width: Int) {
        columns = [ColumnEvidence](repeating: ColumnEvidence(), count: width)
    }

    /// From now on observe only these source columns, for the kind of evidence their column type needs.
    mutating func watch(only watches: [Watch]) {
        watched = watches.filter { $0.index < columns.count }
    }

    mutating func observe(_ fields: [String]) {
        if let watched {
            for watch in watched where watch.index < fields.count {
                columns[watch.index].observe(fields[watch.index], dates: watch.dates, numbers: watch.numbers)
            }
        } else {
            for index in 0..<min(fields.count, columns.count) { columns[index].observe(fields[index]) }
        }
    }

    /// Observes a batch of records (once the watched columns are known, only their cells are read as text).
    mutating func observe(_ records: RecordBatch) {
        guard let watched else {
            for index in 0..<records.count { observe(records.fields(index)) }
            return
        }
        for watch in watched {
            records.withCells(of: watch.index) { cells in
                for record in 0..<records.count {
                    guard let cell = cells[record] else { continue }
                    columns[watch.index].observe(bytes: cell, dates: watch.dates, numbers: watch.numbers)
                }
            }
        }
    }

    /// The evidence of source column `index` (empty past the header's width).
    public func column(_ index: Int?) -> ColumnEvidence {
        guard let index, index < columns.count else { return ColumnEvidence() }
        return columns[index]
    }
}
