import struct Foundation.UUID
import IntakeDomain

/// Proposes which source header feeds each template column, one to one, with confidence and provenance.
///
/// Evidence, strongest first: a normalised name equal to the column's key or label (exact, 1.0), the column's
/// own synonyms (0.95), the built-in synonym table (0.9), name similarity (fuzzy, up to 0.85), and sample
/// values that the column's type reads almost all of (values, 0.75; only for distinctive types).
/// Assignment is greedy by confidence, so the surest matches claim their headers first.
public enum HeaderMatcher {
    /// Matches under this are not proposed.
    public static let minimumConfidence = 0.6

    public static func match(columns: [TemplateColumn], headers: [String], samples: [[String]]) -> [ColumnMatch] {
        let normalizedHeaders = headers.map(HeaderName.normalized)
        var candidates: [ColumnMatch] = []
        for column in columns {
            let names = [column.key, column.label].compactMap { $0 }.map(HeaderName.normalized)
            let synonyms = Set((column.synonyms ?? []).map(HeaderName.normalized))
            let reader = try? ColumnNormalizer(column: column, sheet: SheetSpec(key: "draft", templateId: UUID()), defaultCountry: "US")
            for (index, header) in normalizedHeaders.enumerated() where !header.isEmpty {
                var best: (Double, ColumnMatch.Provenance)?
                func consider(_ confidence: Double, _ provenance: ColumnMatch.Provenance) {
                    if confidence > (best?.0 ?? 0) { best = (confidence, provenance) }
                }
                if names.contains(header) { consider(1.0, .exact) }
                if synonyms.contains(header) { consider(0.95, .synonym) }
                if names.contains(where: { SynonymTable.related(header, $0) }) { consider(0.9, .synonym) }
                let similarity = names.map { StringSimilarity.jaroWinkler($0, header) }.max() ?? 0
                if similarity >= 0.88 { consider(min(0.85, similarity - 0.1), .fuzzy) }
                if let reader, Self.distinctive(column.type), Self.share(of: samples.map { $0.count > index ? $0[index] : "" }, readBy: reader) >= 0.9 {
                    consider(0.75, .values)
                }
                if let best, best.0 >= minimumConfidence {
                    candidates.append(ColumnMatch(column: column.key, header: headers[index], confidence: best.0, provenance: best.1))
                }
            }
        }
        var usedColumns = Set<String>()
        var usedHeaders = Set<String>()
        var matches: [ColumnMatch] = []
        for candidate in candidates.sorted(by: { $0.confidence > $1.confidence }) where !usedColumns.contains(candidate.column) && !usedHeaders.contains(candidate.header) {
            usedColumns.insert(candidate.column)
            usedHeaders.insert(candidate.header)
            matches.append(candidate)
        }
        let order = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) })
        return matches.sorted { order[$0.column, default: 0] < order[$1.column, default: 0] }
    }

    /// Types whose values identify a column on their own.
    static func distinctive(_ type: ColumnType) -> Bool {
        switch type {
        case .email, .url, .phone, .date, .datetime: true
        default: false
        }
    }

    /// The share of non-empty sample values the column reads without error (0 with fewer than 3 values).
    static func share(of values: [String], readBy reader: ColumnNormalizer) -> Double {
        let filled = values.filter { !ValueText.trimmed($0).isEmpty }
        guard filled.count >= 3 else { return 0 }
        let read = filled.filter { (try? reader.normalize($0).get()) != nil }.count
        return Double(read) / Double(filled.count)
    }
}
