import IntakeDomain

/// Which source column feeds each template column, decided once per sheet from its header row.
///
/// Order of evidence: the plan's mapping (exact, then normalised header), the column key or label
/// (normalised), then the column's synonyms. Each source column feeds at most one template column.
public struct HeaderBinding: Sendable, Equatable {
    /// The source header row as read.
    public let headers: [String]
    /// For each template column, in template order, the index of its source column (nil: not found).
    public let sourceIndex: [Int?]

    /// Source columns that no template column uses.
    public var unusedSourceColumns: [Int] {
        let used = Set(sourceIndex.compactMap { $0 })
        return headers.indices.filter { !used.contains($0) }
    }

    public init(headers: [String], columns: [TemplateColumn], mapping: [String: String]) {
        self.headers = headers
        let normalizedHeaders = headers.map(HeaderName.normalized)
        var taken = Set<Int>()
        var sourceIndex = [Int?](repeating: nil, count: columns.count)

        func claim(_ column: Int, where matches: (Int) -> Bool) {
            guard sourceIndex[column] == nil,
                  let index = headers.indices.first(where: { !taken.contains($0) && matches($0) })
            else { return }
            sourceIndex[column] = index
            taken.insert(index)
        }

        for (position, column) in columns.enumerated() {
            guard let source = mapping[column.key] else { continue }
            claim(position) { headers[$0] == source }
            claim(position) { normalizedHeaders[$0] == HeaderName.normalized(source) }
        }
        for (position, column) in columns.enumerated() {
            let names = [column.key, column.label].compactMap { $0 }.map(HeaderName.normalized)
            claim(position) { names.contains(normalizedHeaders[$0]) }
        }
        for (position, column) in columns.enumerated() {
            let synonyms = (column.synonyms ?? []).map(HeaderName.normalized)
            claim(position) { synonyms.contains(normalizedHeaders[$0]) }
        }
        self.sourceIndex = sourceIndex
    }
}
