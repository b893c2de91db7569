/// The header row and first records of a source, for drafting a plan before any import.
public struct SourceSample: Sendable, Equatable {
    public var headers: [String]
    public var records: [[String]]

    public init(headers: [String], records: [[String]]) {
        self.headers = headers
        self.records = records
    }

    /// Reads the start of a delimited text file (UTF-8, BOM dropped, delimiter sniffed, preamble skipped).
    /// The last record may be cut short by the sample's end and is left out. Nil when no header is found.
    public static func delimited(_ bytes: [UInt8], limit: Int = 100) -> SourceSample? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var scanner = CSVScanner(delimiter: DelimiterSniffer.sniff(body.prefix(64 * 1024)))
        var records: [[String]] = []
        scanner.feed(body) { if records.count <= limit + HeaderRowFinder.sampleSize { records.append($0) } }
        guard let index = HeaderRowFinder.headerIndex(in: records) else { return nil }
        return SourceSample(headers: records[index], records: Array(records.dropFirst(index + 1).prefix(limit)))
    }
}
