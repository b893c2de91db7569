/// Finds the header row past preamble lines (titles, export notes, blank lines): the first record as wide
/// as the most common width among the first records that have more than one non-empty field.
public enum HeaderRowFinder {
    /// How many leading records to look at.
    public static let sampleSize = 25

    /// The index of the header row in `records` (a sample of the first records); nil when none has two fields.
    public static func headerIndex(in records: [[String]]) -> Int? {
        let widths = records.prefix(sampleSize).map(width)
        var counts: [Int: Int] = [:]
        for width in widths where width > 1 { counts[width, default: 0] += 1 }
        guard let modal = counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else {
            return records.firstIndex { width($0) > 0 }
        }
        return widths.firstIndex { $0 >= modal }
    }

    /// Fields up to the last non-empty one.
    static func width(_ record: [String]) -> Int {
        (record.lastIndex { !ValueText.trimmed($0).isEmpty } ?? -1) + 1
    }
}
