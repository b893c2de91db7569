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
            guard let valueOrder = shape.orderEvidence ?? order ?? (first == second ? .dayFirst : nil) else {
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
    /// The separator and year width most numeric values used, for naming a proposed format.
    var separatorCounts: [String: Int] = [:]

    public init() {}

    mutating func observe(_ value: String) {
        // Only numeric dates (`03/04/2024`) say anything about the order; other shapes are skipped cheaply.
        guard let shape = DateShape.numericShape(value) else { return }
        if case .numeric(_, _, _, let separator, let digits) = shape, separatorCounts.count < 8 {
            separatorCounts["\(separator)\(digits)", default: 0] += 1
        }
        switch shape.orderEvidence {
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
        guard let key = separatorCounts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return ("/", 4) }
        return (key.first!, Int(key.dropFirst()) ?? 4)
    }
}
