import IntakeDomain

/// Normalises and validates the records of one sheet against its template, one record at a time, counting
/// every repair and remembering, per column, what failed (for proposals).
///
/// Memory is bounded by the template, not the file, except for `unique` columns, which must remember
/// every value they have seen.
public struct SheetProcessor {
    public let sheet: SheetSpec
    public let columns: [TemplateColumn]
    public let resolution: SheetResolution
    public private(set) var summary: SheetSummary
    public private(set) var tally = HealTally()
    public private(set) var failures: [ColumnFailures]
    private let normalizers: [ColumnNormalizer]
    /// Per `unique` column, the 64-bit hashes of the values seen: about 16 bytes a row instead of the value,
    /// so a 10-million-row file stays in memory. Two different values share a hash with a probability near
    /// n²/2⁶⁵ (about 10⁻⁸ for a million rows); such a pair would be reported as a unique-error, never missed.
    /// (Indexed by column position: arrays, not dictionaries, on a path taken for every cell.)
    private var seenUnique: [HashSet64?]
    /// Per enum and boolean column, readings of the values seen so far (few distinct values, read once).
    private var memo: [[String: CellReading]?]
    /// Per column position, for `link` columns, the values its linked sheet holds, and that sheet's name.
    private let links: [LinkedValues?]

    public init(sheet: SheetSpec, template: Template, defaultCountry: String, resolution: SheetResolution, evidence: SheetEvidence, links: [Int: LinkedValues] = [:]) throws(PlanError) {
        self.sheet = sheet
        self.links = template.columns.indices.map { links[$0] }
        self.columns = template.columns
        self.resolution = resolution
        var normalizers: [ColumnNormalizer] = []
        for (position, column) in template.columns.enumerated() {
            normalizers.append(try ColumnNormalizer(
                column: column, sheet: sheet, defaultCountry: defaultCountry, evidence: evidence.column(resolution.sourceIndex[position])
            ))
        }
        self.normalizers = normalizers
        self.summary = SheetSummary(columnCount: template.columns.count)
        self.failures = [ColumnFailures](repeating: ColumnFailures(), count: template.columns.count)
        self.seenUnique = template.columns.map { $0.unique ? HashSet64() : nil }
        self.memo = template.columns.map { $0.type == .enum || $0.type == .boolean ? [:] : nil }
    }

    /// Processes one record; nil for a blank record, which is skipped and counted.
    public mutating func process(number: Int, fields: [String]) -> ProcessedRow? {
        if fields.allSatisfy(ValueText.isBlank) {
            summary.blankRows += 1
            return nil
        }
        var values: [String] = []
        values.reserveCapacity(columns.count)
        var invalid: [InvalidCell] = []
        for position in normalizers.indices {
            var raw = ""
            if let index = resolution.sourceIndex[position] {
                if index < fields.count {
                    raw = fields[index]
                } else if columns[position].required {
                    invalid.append(cell(number, columns[position], "", .missingCell, "the record has no cell for this column"))
                    failures[position].record(raw: "", failure: CellFailure(.missingCell, ""))
                    values.append("")
                    continue
                }
            }
            switch read(position, raw) {
            case .value(let canonical):
                if ValueText.hasPadding(raw), !canonical.isEmpty { tally.add(position, CellHeal(kind: .trimmed), raw: raw, canonical: canonical) }
                if checkUnique(position, canonical, raw, number, &invalid) { values.append(canonical) }
            case .healed(let canonical, let heal):
                tally.add(position, heal, raw: raw, canonical: canonical)
                if checkUnique(position, canonical, raw, number, &invalid) { values.append(canonical) }
            case .failure(var failure):
                if resolution.sourceIndex[position] == nil, raw.isEmpty {
                    failure.message = "the file has no column for \"\(columns[position].key)\", which is required"
                }
                failures[position].record(raw: ValueText.trimmed(raw), failure: failure)
                invalid.append(cell(number, columns[position], raw, failure.code, failure.message))
                values.append(ValueText.trimmed(raw))
            }
        }
        let width = resolution.headers.count
        if fields.count > width {
            for index in width..<fields.count where !ValueText.isBlank(fields[index]) {
                invalid.append(InvalidCell(
                    sheet: sheet.key, row: number, column: "#\(index + 1)", value: fields[index],
                    code: .extraCell, message: "the record has more cells than the header row"
                ))
            }
        }
        let row = ProcessedRow(number: number, values: values, invalidCells: invalid)
        summary.record(row)
        return row
    }

    /// Records a unique-error for a repeated value and a foreign-key error for a link to nothing (the value
    /// itself is kept); returns true always, so the caller appends the canonical value.
    private mutating func checkUnique(_ position: Int, _ canonical: String, _ raw: String, _ number: Int, _ invalid: inout [InvalidCell]) -> Bool {
        guard !canonical.isEmpty else { return true }
        if seenUnique[position] != nil, !seenUnique[position]!.insert(ValueHash.of(canonical)) {
            let failure = CellFailure(.uniqueError, "\"\(canonical)\" already appears in an earlier row")
            failures[position].record(raw: ValueText.trimmed(raw), failure: failure)
            invalid.append(cell(number, columns[position], raw, failure.code, failure.message))
        }
        if let linked = links[position], !linked.values.contains(canonical) {
            let failure = CellFailure(.foreignKey, "\"\(canonical)\" matches no \(linked.column) of sheet \"\(linked.sheet)\"")
            failures[position].record(raw: ValueText.trimmed(raw), failure: failure)
            invalid.append(cell(number, columns[position], raw, failure.code, failure.message))
        }
        return true
    }

    /// Reads one cell, remembering the readings of enum and boolean columns (a memo of at most 1,024 values).
    private mutating func read(_ position: Int, _ raw: String) -> CellReading {
        guard memo[position] != nil else { return normalizers[position].normalize(raw) }
        if let known = memo[position]![raw] {
            summary.seenBefore(position)
            return known
        }
        let reading = normalizers[position].normalize(raw)
        if memo[position]!.count < 1024 { memo[position]![raw] = reading }
        return reading
    }

    /// Every repair made to cells so far, one event per column and kind.
    public func cellHeals() -> [HealingEvent] {
        tally.events(sheet: sheet.key, columns: columns)
    }

    private func cell(_ number: Int, _ column: TemplateColumn, _ value: String, _ code: InvalidCell.Code, _ message: String) -> InvalidCell {
        InvalidCell(sheet: sheet.key, row: number, column: column.key, value: value, code: code, message: message)
    }
}
