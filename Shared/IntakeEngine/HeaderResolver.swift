import IntakeDomain

/// Decides which source column feeds each template column of a sheet, from its header row and first
/// records, and reports every repair: renamed headers, reordered and extra columns. A match under
/// `autoConfidence` is never used; it becomes a question with the candidates as options.
public enum HeaderResolver {
    /// The least confidence the engine acts on without asking.
    public static let autoConfidence = 0.8

    public static func resolve(
        sheet: SheetSpec, columns: [TemplateColumn], headers: [String], samples: [[String]], memory: [String: String] = [:]
    ) -> SheetResolution {
        let normalizedHeaders = headers.map(HeaderName.normalized)
        var sourceIndex = [Int?](repeating: nil, count: columns.count)
        var matches = [ColumnMatch?](repeating: nil, count: columns.count)
        var heals: [HealingEvent] = []
        var takenHeaders = Set<Int>()

        func bind(_ column: Int, _ header: Int, _ confidence: Double, _ provenance: ColumnMatch.Provenance) {
            sourceIndex[column] = header
            takenHeaders.insert(header)
            let key = columns[column].key
            matches[column] = ColumnMatch(column: key, header: headers[header], confidence: confidence, provenance: provenance)
            let former = sheet.mapping[key]
            let renamed = former.map { $0 != headers[header] } ?? (provenance != .exact)
            if renamed {
                heals.append(HealingEvent(kind: HealKind.renamedHeader.rawValue, sheet: sheet.key, column: key, from: former ?? key, to: headers[header], confidence: confidence))
            }
        }

        for (position, column) in columns.enumerated() {
            guard let source = sheet.mapping[column.key] else { continue }
            if let index = headers.indices.first(where: { !takenHeaders.contains($0) && headers[$0] == source }) {
                bind(position, index, 1, .plan)
            } else if let index = headers.indices.first(where: { !takenHeaders.contains($0) && normalizedHeaders[$0] == HeaderName.normalized(source) && !normalizedHeaders[$0].isEmpty }) {
                bind(position, index, 1, .plan)
            }
        }
        let openColumns = Set(columns.indices.filter { sourceIndex[$0] == nil })
        let candidates = HeaderMatcher.candidates(
            columns: columns, headers: headers, samples: samples, formerHeaders: sheet.mapping, memory: memory,
            openColumns: openColumns, openHeaders: Set(headers.indices.filter { !takenHeaders.contains($0) })
        )
        for candidate in candidates where candidate.confidence >= autoConfidence
            && sourceIndex[candidate.column] == nil && !takenHeaders.contains(candidate.header) {
            bind(candidate.column, candidate.header, candidate.confidence, candidate.provenance)
        }
        var unresolved: [SheetResolution.Unresolved] = []
        for (position, column) in columns.enumerated() where sourceIndex[position] == nil && (column.required || sheet.mapping[column.key] != nil) {
            let options = candidates.filter { $0.column == position && !takenHeaders.contains($0.header) }.prefix(3).map {
                ColumnMatch(column: column.key, header: headers[$0.header], confidence: $0.confidence, provenance: $0.provenance)
            }
            // An optional column the file no longer has is simply empty; only a near miss is worth asking about.
            guard column.required || !options.isEmpty else { continue }
            let open = headers.indices.filter { !takenHeaders.contains($0) && !normalizedHeaders[$0].isEmpty }.map { headers[$0] }
            unresolved.append(SheetResolution.Unresolved(column: column.key, required: column.required, candidates: Array(options), openHeaders: open))
        }
        let bound = sourceIndex.compactMap { $0 }
        if bound != bound.sorted() {
            heals.append(HealingEvent(kind: HealKind.reorderedColumns.rawValue, sheet: sheet.key, confidence: 1))
        }
        for index in headers.indices where !takenHeaders.contains(index) && !ValueText.trimmed(headers[index]).isEmpty {
            heals.append(HealingEvent(kind: HealKind.extraColumn.rawValue, sheet: sheet.key, from: headers[index]))
        }
        return SheetResolution(headers: headers, sourceIndex: sourceIndex, matches: matches, heals: heals, unresolved: unresolved)
    }
}

/// A sheet's header mapping as resolved for one run.
public struct SheetResolution: Sendable, Equatable {
    /// A template column the engine could not bind safely.
    public struct Unresolved: Sendable, Equatable {
        public var column: String
        public var required: Bool
        /// Possible sources under the safe confidence, best first.
        public var candidates: [ColumnMatch]
        /// Every source header no column uses.
        public var openHeaders: [String]
    }

    public var headers: [String]
    /// For each template column, in template order, the index of its source column (nil: none).
    public var sourceIndex: [Int?]
    public var matches: [ColumnMatch?]
    /// renamed_header, reordered_columns and extra_column repairs.
    public var heals: [HealingEvent]
    public var unresolved: [Unresolved]
}
