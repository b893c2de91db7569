import struct Foundation.UUID
import IntakeDomain

/// Scores which source header could feed each template column, with confidence and provenance.
///
/// Evidence, strongest first: a normalised name equal to the column's key or label (exact, 1.0), a header
/// a human approved for this column before (memory, 0.95), the column's own synonyms (0.95), the built-in
/// synonym table (0.9), name similarity to the key, label or the plan's former header (fuzzy, up to 0.85),
/// and sample values that the column's type reads almost all of (values: 0.8 when only one header
/// qualifies, 0.7 when several do; only for types whose values identify them).
public enum HeaderMatcher {
    /// Matches under this are not proposed at all.
    public static let minimumConfidence = 0.6

    /// A possible source for a column.
    struct Candidate {
        var column: Int
        var header: Int
        var confidence: Double
        var provenance: ColumnMatch.Provenance
    }

    /// Proposes a one-to-one mapping for a draft plan (greedy by confidence).
    public static func match(columns: [TemplateColumn], headers: [String], samples: [[String]], memory: [String: String] = [:]) -> [ColumnMatch] {
        let found = candidates(columns: columns, headers: headers, samples: samples, memory: memory)
        var usedColumns = Set<Int>()
        var usedHeaders = Set<Int>()
        var matches: [(Int, ColumnMatch)] = []
        for candidate in found where !usedColumns.contains(candidate.column) && !usedHeaders.contains(candidate.header) {
            usedColumns.insert(candidate.column)
            usedHeaders.insert(candidate.header)
            let column = columns[candidate.column]
            matches.append((candidate.column, ColumnMatch(column: column.key, header: headers[candidate.header], confidence: candidate.confidence, provenance: candidate.provenance)))
        }
        return matches.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Every plausible (column, header) pair at or over `minimumConfidence`, best first.
    /// - Parameters:
    ///   - formerHeaders: per column key, the header the plan used to read it from (fuzzy-compared too).
    ///   - memory: normalised header → column key, from mappings approved for this account before.
    ///   - only: the columns and headers still open (all when nil).
    static func candidates(
        columns: [TemplateColumn], headers: [String], samples: [[String]],
        formerHeaders: [String: String] = [:], memory: [String: String] = [:],
        openColumns: Set<Int>? = nil, openHeaders: Set<Int>? = nil
    ) -> [Candidate] {
        let normalizedHeaders = headers.map(HeaderName.normalized)
        // Each header's non-empty sample values, gathered once for every distinctive column that reads them.
        let filledSamples = columns.contains(where: { distinctive($0.type) })
            ? headers.indices.map { index in samples.map { $0.count > index ? $0[index] : "" }.filter { !ValueText.trimmed($0).isEmpty } }
            : []
        var found: [Candidate] = []
        for (columnIndex, column) in columns.enumerated() where openColumns?.contains(columnIndex) ?? true {
            let names = [column.key, column.label].compactMap { $0 }.map(HeaderName.normalized)
            let fuzzyNames = names + [formerHeaders[column.key]].compactMap { $0 }.map(HeaderName.normalized)
            let synonyms = Set((column.synonyms ?? []).map(HeaderName.normalized))
            let reader = distinctive(column.type)
                ? try? ColumnNormalizer(column: column, sheet: SheetSpec(key: "draft", templateId: UUID()), defaultCountry: "US")
                : nil
            var valueMatches: [Int] = []
            for (index, header) in normalizedHeaders.enumerated() where !header.isEmpty && (openHeaders?.contains(index) ?? true) {
                var best: (Double, ColumnMatch.Provenance)?
                func consider(_ confidence: Double, _ provenance: ColumnMatch.Provenance) {
                    if confidence > (best?.0 ?? 0) { best = (confidence, provenance) }
                }
                if names.contains(header) { consider(1.0, .exact) }
                if memory[header] == column.key { consider(0.95, .memory) }
                if synonyms.contains(header) { consider(0.95, .synonym) }
                if names.contains(where: { SynonymTable.related(header, $0) }) { consider(0.9, .synonym) }
                if fuzzyNames.contains(where: { Self.extends(header, $0) }) { consider(0.85, .synonym) }
                let similarity = fuzzyNames.map { StringSimilarity.jaroWinkler($0, header) }.max() ?? 0
                if similarity >= 0.88 { consider(min(0.85, similarity - 0.1), .fuzzy) }
                if let reader, reads(filled: filledSamples[index], by: reader, share: 0.9) {
                    valueMatches.append(index)
                }
                if let best, best.0 >= minimumConfidence {
                    found.append(Candidate(column: columnIndex, header: index, confidence: best.0, provenance: best.1))
                }
            }
            let valueConfidence = valueMatches.count == 1 ? 0.8 : 0.7
            for index in valueMatches where !found.contains(where: { $0.column == columnIndex && $0.header == index && $0.confidence >= valueConfidence }) {
                found.removeAll { $0.column == columnIndex && $0.header == index }
                found.append(Candidate(column: columnIndex, header: index, confidence: valueConfidence, provenance: .values))
            }
        }
        return found.sorted { ($0.confidence, -$0.column, -$0.header) > ($1.confidence, -$1.column, -$1.header) }
    }

    /// Words that only describe a field further: `Phone Number`, `E-Mail-Adresse` and `Email 1` still name
    /// the field without them.
    static let descriptiveWords = ["address", "adresse", "addr", "number", "nummer", "numero", "nr", "no", "num", "field", "value", "1", "primary", "main"]

    /// Whether normalised `header` is normalised `name` with a descriptive word before or after it.
    static func extends(_ header: String, _ name: String) -> Bool {
        guard name.count >= 4, header.count > name.count else { return false }
        if header.hasPrefix(name) { return descriptiveWords.contains(String(header.dropFirst(name.count))) }
        if header.hasSuffix(name) { return descriptiveWords.contains(String(header.dropLast(name.count))) }
        return false
    }

    /// Types whose values identify a column on their own.
    static func distinctive(_ type: ColumnType) -> Bool {
        switch type {
        case .email, .url, .phone, .date, .datetime: true
        default: false
        }
    }

    /// Whether the column reads at least `share` of a header's non-empty sample values (`filled`) without
    /// error (never with fewer than 3 values). It stops at the failure that puts the share out of reach: a
    /// header whose values are not of the column's type (most of them, for each distinctive column) costs a few
    /// readings, not one per sample (500 a header for the head of a file).
    static func reads(filled: [String], by reader: ColumnNormalizer, share: Double) -> Bool {
        guard filled.count >= 3 else { return false }
        var failed = 0
        for value in filled where reader.normalize(value).canonical == nil {
            failed += 1
            // Even if every value after this one is read, the share is now short.
            if Double(filled.count - failed) / Double(filled.count) < share { return false }
        }
        return Double(filled.count - failed) / Double(filled.count) >= share
    }
}
