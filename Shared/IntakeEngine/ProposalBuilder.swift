import IntakeDomain

/// Turns what failed in a sheet into questions for a human and the edits most likely to fix it:
/// - a column that could not be bound safely: `map_column` to the best candidate (a question lists all);
/// - dates whose day/month order nothing decides: `set_format` in the plan country's order (a question
///   offers both);
/// - numbers whose separator nothing decides: `set_format` in the plan country's convention (a question
///   offers both);
/// - enum values that are a unique abbreviation or a near spelling of an allowed value: `map_values`.
enum ProposalBuilder {
    struct Proposal {
        var questions: [NeedsAttention.Question] = []
        var actions: [PlanPatch.Action] = []

        /// Asks which of `formats` a column is written in, proposing the first.
        mutating func askFormat(sheet: String, column: String, id: String, formats: [String], failures: ColumnFailures, prompt: String) {
            questions.append(NeedsAttention.Question(
                id: "\(sheet).\(column).\(id)", prompt: prompt, column: column,
                sampleValues: failures.commonest(5),
                options: formats.map { format in
                    NeedsAttention.Question.Option(value: format, label: format, action: PlanPatch.Action(type: .setFormat, sheet: sheet, column: column, format: format))
                }
            ))
            actions.append(PlanPatch.Action(type: .setFormat, sheet: sheet, column: column, format: formats[0]))
        }
    }

    static func propose(_ importer: SheetImporter, defaultCountry: String) -> Proposal {
        guard let processor = importer.processor else { return Proposal() }
        var proposal = Proposal()
        let sheet = importer.sheet.key
        let resolution = processor.resolution
        for unresolved in resolution.unresolved {
            let headers = unresolved.candidates.map(\.header) + unresolved.openHeaders.filter { header in
                !unresolved.candidates.contains { $0.header == header }
            }
            let options = headers.prefix(10).map { header in
                NeedsAttention.Question.Option(value: header, label: "Read \(unresolved.column) from \"\(header)\"", action: PlanPatch.Action(type: .mapColumn, sheet: sheet, column: unresolved.column, to: header))
            }
            guard !options.isEmpty else { continue }
            let index = resolution.headers.firstIndex(of: headers[0])
            proposal.questions.append(NeedsAttention.Question(
                id: "\(sheet).\(unresolved.column).source",
                prompt: "Which source column holds \(unresolved.column)?",
                column: unresolved.column,
                sampleValues: samples(importer, sourceIndex: index),
                options: Array(options)
            ))
            if let best = unresolved.candidates.first {
                proposal.actions.append(PlanPatch.Action(type: .mapColumn, sheet: sheet, column: unresolved.column, to: best.header))
            }
        }
        // The sheet's evidence is put together from its columns' (`SheetImporter.evidence`): once, not per column.
        let sheetEvidence = importer.evidence
        for (position, column) in importer.template.columns.enumerated() {
            let failures = processor.failures[position]
            let evidence = sheetEvidence.column(resolution.sourceIndex[position])
            if failures.ambiguousDates > 0 {
                let (separator, digits) = evidence.dates.dominantShape
                let proposed = DateOrder.conventional(for: defaultCountry)
                let formats = [proposed, proposed == .dayFirst ? .monthFirst : .dayFirst].map { $0.pattern(separator: separator, yearDigits: digits) }
                proposal.askFormat(
                    sheet: sheet, column: column.key, id: "date_order", formats: formats, failures: failures,
                    prompt: "Nothing in the file decides whether dates in \(column.key) are day first or month first (\(failures.ambiguousDates) cells). Which is it?"
                )
            }
            if failures.ambiguousNumbers > 0 {
                let comma = NumberEvidence.commaCountries.contains(defaultCountry.uppercased())
                proposal.askFormat(
                    sheet: sheet, column: column.key, id: "decimal_separator",
                    formats: comma ? ["1.234,56", "1,234.56"] : ["1,234.56", "1.234,56"], failures: failures,
                    prompt: "Does \(column.key) write decimals with a point or a comma (\(failures.ambiguousNumbers) cells could be either)?"
                )
            }
            if column.type == .enum, let allowed = column.values, !failures.values.isEmpty {
                var map: [String: String] = [:]
                for value in failures.values.keys {
                    if let target = EnumSuggester.closest(value, in: allowed) { map[value] = target }
                }
                if !map.isEmpty {
                    proposal.actions.append(PlanPatch.Action(type: .mapValues, sheet: sheet, column: column.key, values: map))
                }
            }
        }
        return proposal
    }

    /// One sentence per action, in order.
    static func summary(_ actions: [PlanPatch.Action], stillInvalid: Int) -> String {
        let parts = actions.map { action -> String in
            switch action.type {
            case .mapColumn: "read \(action.column ?? "") from \"\(action.to ?? "")\""
            case .setFormat: "read \(action.column ?? "") as \(action.format ?? "")"
            case .mapValues: "map \(action.values?.count ?? 0) value(s) of \(action.column ?? "") onto allowed values"
            case .setDefault: "fill empty \(action.column ?? "") cells with \"\(action.value ?? "")\""
            case .dropInvalidRows: "leave the \(stillInvalid) row(s) that still fail out of the valid export"
            }
        }
        guard let first = parts.first else { return "Nothing to change." }
        return (first.prefix(1).uppercased() + first.dropFirst() + (parts.count > 1 ? "; " + parts.dropFirst().joined(separator: "; ") : "")) + "."
    }

    private static func samples(_ importer: SheetImporter, sourceIndex: Int?) -> [String] {
        guard let sourceIndex, sourceIndex < importer.columnSamples.count else { return [] }
        return importer.columnSamples[sourceIndex]
    }
}

/// Suggests the allowed enum value a failing value most likely means: a unique prefix either way
/// (`cust` → `customer`), or a unique near spelling (Jaro–Winkler ≥ 0.88 on folded keys).
enum EnumSuggester {
    static func closest(_ value: String, in allowed: [String]) -> String? {
        let key = EnumNormalizer.key(value)
        guard !key.isEmpty else { return nil }
        let keys = allowed.map(EnumNormalizer.key)
        let prefixed = allowed.indices.filter { !keys[$0].isEmpty && (keys[$0].hasPrefix(key) || key.hasPrefix(keys[$0])) }
        if prefixed.count == 1 { return allowed[prefixed[0]] }
        let scored = allowed.indices.map { (index: $0, score: StringSimilarity.jaroWinkler(key, keys[$0])) }.sorted { $0.score > $1.score }
        guard let best = scored.first, best.score >= 0.88, scored.dropFirst().first.map({ $0.score < best.score }) ?? true else { return nil }
        return allowed[best.index]
    }
}
