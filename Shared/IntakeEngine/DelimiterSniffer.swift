/// Picks the delimiter among `,` `;` tab `|` by trial parse of a sample: the one that splits the most
/// records into the same number (more than one) of fields wins; ties go to the order above.
public enum DelimiterSniffer {
    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    public static func sniff(_ sample: some Collection<UInt8>) -> UInt8 {
        var best = (delimiter: candidates[0], score: 0)
        for candidate in candidates {
            var scanner = CSVScanner(delimiter: candidate)
            var widths: [Int: Int] = [:]
            var records = 0
            scanner.feed(sample) { record in
                guard records < 200, !(record.count == 1 && record[0].isEmpty) else { return }
                records += 1
                widths[record.count, default: 0] += 1
            }
            let consistent = widths.filter { $0.key > 1 }.max { $0.value < $1.value }
            let score = (consistent?.value ?? 0) * 1000 + (consistent?.key ?? 0)
            if score > best.score { best = (candidate, score) }
        }
        return best.delimiter
    }
}
