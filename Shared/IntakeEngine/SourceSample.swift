import IntakeDomain

/// The header row and first records of a source, for drafting a plan before any import.
public struct SourceSample: Sendable, Equatable {
    public var headers: [String]
    public var records: [[String]]

    public init(headers: [String], records: [[String]]) {
        self.headers = headers
        self.records = records
    }

    private struct Enough: Error {}

    /// Reads the header and up to `limit` records of `source` (encoding, delimiter, preamble and workbook
    /// sheets handled as an import would), stopping there. Nil when the source has no header row.
    public static func read(_ source: any RecordSource, limit: Int = 200) async throws -> SourceSample? {
        var headers: [String]?
        var records: [[String]] = []
        do {
            _ = try await source.read { headers = $0 } record: { _, fields in
                guard records.count < limit else { throw Enough() }
                records.append(fields)
            }
        } catch is Enough {
        } catch let error as RunError where error.code == "empty_file" {
            return nil
        }
        return headers.map { SourceSample(headers: $0, records: records) }
    }
}
