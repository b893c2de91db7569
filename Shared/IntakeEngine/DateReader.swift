/// Reads the cells of a date column into ISO 8601, given what the whole column showed.
///
/// A value is read with the plan's declared format when that agrees with the column; otherwise by its own
/// shape: year-first, month-name and Excel-serial values can only mean one day; a numeric value such as
/// `03/04/2024` is read in the column's order, decided by evidence (a number over 12 in either place,
/// anywhere in the column) or, without any, by the declared format. With no evidence and no declared
/// order, or with evidence both ways, a value whose day and month could be swapped fails as ambiguous
/// rather than being guessed.
struct DateReader {
    /// The plan's format for this column, if any.
    let declared: DateFormat?
    let declaredName: String
    /// The order numeric values are read in; nil when nothing decides it.
    let order: DateOrder?

    init(declared: DateFormat?, declaredName: String?, evidence: DateEvidence) {
        self.declared = declared
        self.declaredName = declaredName ?? "YYYY-MM-DD"
        self.order = evidence.decidedOrder ?? (evidence.isConflicting ? nil : declared?.numericOrder)
    }

    /// How a date read from its bytes was written.
    enum BytesRead {
        /// Year first (`2024-03-05`, `2024/3/5`): read with no repair, as `read(_:)` reads it.
        case yearFirst
        /// Numeric with the year last, in the pattern of this slot (`DateOrder.pattern(slot:)`): repaired to ISO.
        /// `shape` is what `DateShape.numericDate` read, for the column's evidence.
        case numeric(patternSlot: Int, shape: DateShape.NumericDate)
    }

    /// Reads a date written as numbers without a time (`8/23/2018`, `23.08.18`, `2018-08-23`) from its
    /// trimmed bytes when the plan declares no format, appending its ISO form to `values`, exactly as
    /// `read(_:)` would read it. Nil, with nothing appended, when the text path must read it: a declared
    /// format, another shape, an order nothing decides, no real day (the text path words those errors).
    @inline(__always)
    func read(bytes: UnsafeBufferPointer<UInt8>, into values: inout ColumnValues.Writer) -> BytesRead? {
        guard declared == nil, let shape = DateShape.numericDate(bytes) else { return nil }
        let date: CalendarDate
        let read: BytesRead
        switch shape {
        case .yearFirst(let found):
            (date, read) = (found, .yearFirst)
        case .yearLast(let first, let second, let year, let separator, let yearDigits):
            guard let valueOrder = order(first: first, second: second) else { return nil }
            let (day, month) = valueOrder == .dayFirst ? (first, second) : (second, first)
            guard let found = CalendarDate(year: year, month: month, day: day),
                  let slot = DateOrder.slot(valueOrder, separator: separator, yearDigits: yearDigits)
            else { return nil }
            (date, read) = (found, .numeric(patternSlot: slot, shape: shape))
        }
        _ = values.append(capacity: 10) { output in date.writeISO(to: output) }
        return read
    }

    /// The order a numeric value with these two numbers is read in: its own evidence, else the column's; a
    /// value whose numbers are equal reads the same either way. Nil when nothing decides.
    @inline(__always)
    private func order(first: Int, second: Int) -> DateOrder? {
        DateShape.orderEvidence(first: first, second: second) ?? order ?? (first == second ? .dayFirst : nil)
    }

    /// The repair of a value read from its bytes in the numeric pattern of `slot`: what `read(_:)` reports.
    func heal(patternSlot slot: Int) -> CellHeal {
        CellHeal(kind: .dateFormat, from: declaredName, to: DateOrder.pattern(slot: slot))
    }

    func read(_ value: String) -> CellReading {
        if let declared, declared.numericOrder == nil || declared.numericOrder == order, let date = declared.parse(value) {
            return .value(date.iso)
        }
        guard let (shape, hadTime) = DateShape.classify(value) else {
            return .failure(.type("\"\(value)\" is not a date (expected \(declaredName))"))
        }
        let date: CalendarDate
        let pattern: String
        switch shape {
        case .yearFirst(let found):
            (date, pattern) = (found, "YYYY-MM-DD")
        case .textual(let found):
            (date, pattern) = (found, "month name")
        case .serial(let found):
            (date, pattern) = (found, "Excel serial")
        case .numeric(let first, let second, let year, let separator, let yearDigits):
            guard let valueOrder = order(first: first, second: second) else {
                return .failure(CellFailure(
                    .typeError,
                    "\"\(value)\" is ambiguous: day and month could be either way round and nothing in the column decides",
                    ambiguity: .dateOrder
                ))
            }
            let (day, month) = valueOrder == .dayFirst ? (first, second) : (second, first)
            guard let found = CalendarDate(year: year, month: month, day: day) else {
                return .failure(.type("\"\(value)\" is not a real date read as \(valueOrder.pattern(separator: separator, yearDigits: yearDigits))"))
            }
            (date, pattern) = (found, valueOrder.pattern(separator: separator, yearDigits: yearDigits))
        }
        let canonical = date.iso
        if pattern == declaredName && !hadTime { return .value(canonical) }
        let heal = CellHeal(kind: .dateFormat, from: declaredName, to: hadTime ? pattern + " with a time" : pattern)
        return .healed(canonical, heal)
    }
}

/// What the cells of one source column showed about the order of numeric dates.
public struct DateEvidence: Sendable, Equatable {
    /// Values whose first number can only be a day.
    public var dayFirst = 0
    /// Values whose second number can only be a day.
    public var monthFirst = 0
    /// How many numeric values used each separator and year width, for naming a proposed format (a handful
    /// of shapes at most, so a short list searched in place rather than a dictionary keyed by a new string).
    var shapeCounts: [ShapeCount] = []

    struct ShapeCount: Sendable, Equatable {
        /// An ASCII separator (`/`, `.` or `-`).
        var separator: UInt8
        var yearDigits: Int
        var count: Int
    }

    public init() {}

    /// Observes a trimmed value. Only numeric dates (`03/04/2024`, perhaps with a time) say anything about
    /// the order; other shapes are skipped cheaply, from their first byte where it can tell.
    mutating func observe(_ value: String) {
        guard let first = value.utf8.first, first.isASCIIDigit else { return }
        observe(DateShape.numericDate(DateShape.splitTime(value).0.utf8))
    }

    /// Observes a trimmed value given as UTF-8 bytes (one with a time, a `:`, as text).
    mutating func observe(bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first, first.isASCIIDigit else { return }
        guard !bytes.contains(UInt8(ascii: ":")) else { return observe(String(decoding: bytes, as: UTF8.self)) }
        observe(DateShape.numericDate(bytes))
    }

    /// Observes a value `DateShape.numericDate` read as `date` (what `observe(bytes:)` does once it has).
    mutating func observe(_ date: DateShape.NumericDate?) {
        guard case .yearLast(let first, let second, _, let separator, let digits)? = date else { return }
        if let index = shapeCounts.firstIndex(where: { $0.separator == separator && $0.yearDigits == digits }) {
            shapeCounts[index].count += 1
        } else if shapeCounts.count < 8 {
            shapeCounts.append(ShapeCount(separator: separator, yearDigits: digits, count: 1))
        }
        switch DateShape.orderEvidence(first: first, second: second) {
        case .dayFirst: dayFirst += 1
        case .monthFirst: monthFirst += 1
        case nil: break
        }
    }

    /// The order the column's values prove, nil when they prove none or both.
    public var decidedOrder: DateOrder? {
        switch (dayFirst > 0, monthFirst > 0) {
        case (true, false): .dayFirst
        case (false, true): .monthFirst
        default: nil
        }
    }

    public var isConflicting: Bool { dayFirst > 0 && monthFirst > 0 }

    /// The commonest numeric shape as (separator, year digits).
    var dominantShape: (Character, Int) {
        // The commonest; between equals, the one first in (separator, digits) order, whatever order they came in.
        guard let top = shapeCounts.max(by: { ($0.count, $1.separator, $1.yearDigits) < ($1.count, $0.separator, $0.yearDigits) }) else {
            return ("/", 4)
        }
        return (Character(UnicodeScalar(top.separator)), top.yearDigits)
    }
}
