/// What the cells of one source column showed about how it is written, gathered over the whole column so
/// that decisions (day/month order, decimal separator) rest on every value, not on the first few.
public struct ColumnEvidence: Sendable, Equatable {
    public var dates = DateEvidence()
    public var numbers = NumberEvidence()

    public init() {}

    mutating func observe(_ raw: String) {
        guard let first = raw.utf8.first(where: { $0 != 0x20 }) else { return }
        let startsNumeric = (0x30...0x39).contains(first) || first == UInt8(ascii: "(") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "+") || first >= 0x80 || first == UInt8(ascii: "$")
        if startsNumeric || raw.contains(where: \.isLetter) { dates.observe(ValueText.trimmed(raw)) }
        if startsNumeric || raw.count <= 24 { numbers.observe(raw) }
    }
}

/// Evidence for every source column of a sheet.
public struct SheetEvidence: Sendable, Equatable {
    public private(set) var columns: [ColumnEvidence]
    /// Columns still observed; nil: all (before the header mapping is known).
    private var watched: [Int]?

    public init(width: Int) {
        columns = [ColumnEvidence](repeating: ColumnEvidence(), count: width)
    }

    /// From now on observe only these source columns (those feeding date and number columns).
    mutating func watch(only indices: [Int]) {
        watched = indices.filter { $0 < columns.count }
    }

    mutating func observe(_ fields: [String]) {
        if let watched {
            for index in watched where index < fields.count { columns[index].observe(fields[index]) }
        } else {
            for index in 0..<min(fields.count, columns.count) { columns[index].observe(fields[index]) }
        }
    }

    /// The evidence of source column `index` (empty past the header's width).
    public func column(_ index: Int?) -> ColumnEvidence {
        guard let index, index < columns.count else { return ColumnEvidence() }
        return columns[index]
    }
}
