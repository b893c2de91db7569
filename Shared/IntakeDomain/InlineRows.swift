/// Inline rows as stored for the worker: a header row (the union of keys, in first-seen order) and records.
public struct InlineRows: Codable, Sendable, Equatable {
    public var headers: [String]
    public var records: [[String]]

    public init(headers: [String], records: [[String]]) {
        self.headers = headers
        self.records = records
    }

    /// A scalar-only cell was expected; `row` is 1-based, `key` the offending field.
    public struct NotAScalar: Error, Equatable {
        public let row: Int
        public let key: String
    }

    /// Builds the table from JSON objects; a missing key is an empty cell.
    public init(objects: [[String: JSONValue]]) throws(NotAScalar) {
        var headers: [String] = []
        var position: [String: Int] = [:]
        for object in objects {
            for key in object.keys.sorted() where position[key] == nil {
                position[key] = headers.count
                headers.append(key)
            }
        }
        var records: [[String]] = []
        records.reserveCapacity(objects.count)
        for (index, object) in objects.enumerated() {
            var record = [String](repeating: "", count: headers.count)
            for (key, value) in object {
                guard let text = value.cellText else { throw NotAScalar(row: index + 1, key: key) }
                record[position[key]!] = text
            }
            records.append(record)
        }
        self.headers = headers
        self.records = records
    }
}
