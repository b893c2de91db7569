import IntakeDomain

/// Normalises and validates the records of one sheet against its template, counting every repair and
/// remembering, per column, what failed (for proposals).
///
/// Each template column has its own `ColumnProcessor`; they share nothing, so a batch of records is
/// processed column by column in lanes of about equal work (two by default), side by side, and the rows are
/// put together afterwards — the same rows, errors and counts as one record at a time.
///
/// Memory is bounded by the template, not the file, except for `unique` columns, which must remember
/// every value they have seen.
public final class SheetProcessor {
    /// Below this many records a batch is processed in one lane (handing over costs more than it saves).
    static let laneThreshold = 64

    public let sheet: SheetSpec
    public let columns: [TemplateColumn]
    public let resolution: SheetResolution
    /// Per template column. Moved out while records are processed (into a local array, or into the lanes):
    /// their sets stay uniquely owned, so they grow in place, and the per-cell loops touch a local array,
    /// not a class property, so there is no runtime exclusivity check per cell.
    private var processors: [ColumnProcessor]
    /// Column positions per lane, of about equal weight.
    let lanes: [[Int]]
    private var counts: SheetSummary

    public init(
        sheet: SheetSpec, template: Template, defaultCountry: String, resolution: SheetResolution, evidence: SheetEvidence,
        links: [Int: LinkedValues] = [:], lanes laneCount: Int = 2
    ) throws(PlanError) {
        self.sheet = sheet
        self.columns = template.columns
        self.resolution = resolution
        var processors: [ColumnProcessor] = []
        for (position, column) in template.columns.enumerated() {
            let sourceIndex = resolution.sourceIndex[position]
            let normalizer = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: defaultCountry, evidence: evidence.column(sourceIndex))
            processors.append(ColumnProcessor(
                position: position, column: column, sourceIndex: sourceIndex, sheetKey: sheet.key, normalizer: normalizer, link: links[position]
            ))
        }
        self.processors = processors
        self.lanes = Self.lanes(processors, count: laneCount)
        self.counts = SheetSummary(columnCount: 0)
    }

    /// Splits the columns into up to `count` lanes of about equal weight, heaviest first.
    static func lanes(_ processors: [ColumnProcessor], count: Int) -> [[Int]] {
        var lanes = [[Int]](repeating: [], count: max(1, count))
        var weights = [Int](repeating: 0, count: lanes.count)
        for processor in processors.sorted(by: { ($0.weight, $1.position) > ($1.weight, $0.position) }) {
            let lightest = weights.indices.min { weights[$0] < weights[$1] }!
            lanes[lightest].append(processor.position)
            weights[lightest] += max(1, processor.weight)
        }
        return lanes.filter { !$0.isEmpty }.map { $0.sorted() }
    }

    /// Totals so far, with each column's fill and distinct counts.
    public var summary: SheetSummary {
        var summary = counts
        summary.filled = processors.map(\.filled)
        summary.distinctValues = processors.map(\.distinct)
        return summary
    }

    /// What failed so far, per template column.
    public var failures: [ColumnFailures] { processors.map(\.failures) }

    /// Processes one record; nil for a blank record, which is skipped and counted.
    public func process(number: Int, fields: [String]) -> ProcessedRow? {
        if fields.allSatisfy(ValueText.isBlank) {
            counts.blankRows += 1
            return nil
        }
        var values: [String] = []
        values.reserveCapacity(processors.count)
        var invalid: [InvalidCell] = []
        var columns: [ColumnProcessor] = []
        swap(&columns, &processors)
        for index in columns.indices { values.append(columns[index].process(number: number, fields: fields, invalid: &invalid)) }
        swap(&columns, &processors)
        return row(number, fields, values, invalid)
    }

    /// Processes a batch of records, in order; blank records are skipped and counted.
    public func process(_ records: [(number: Int, fields: [String])]) async -> [ProcessedRow] {
        guard lanes.count > 1, records.count >= Self.laneThreshold else {
            return records.compactMap { process(number: $0.number, fields: $0.fields) }
        }
        var nonBlank: [Int] = []
        nonBlank.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            if record.fields.allSatisfy(ValueText.isBlank) { counts.blankRows += 1 } else { nonBlank.append(index) }
        }
        let kept = nonBlank
        let count = processors.count
        // Each lane's columns are moved (never copied: a copy would duplicate a unique column's set on its
        // next insert) out of `processors` into the lane, and back once every lane is done.
        var slots = processors.map(Optional.some)
        processors = []
        func take(_ positions: [Int]) -> Lane {
            Lane(positions.map { position in
                var taken: ColumnProcessor?
                swap(&taken, &slots[position])
                return taken!
            })
        }
        let taken = lanes.map(take)
        let outputs = await withTaskGroup(of: [ColumnOutput].self) { group in
            for lane in taken.dropFirst() { group.addTask { Self.run(lane, over: records, kept: kept) } }
            var outputs = Self.run(taken[0], over: records, kept: kept)
            for await output in group { outputs += output }
            return outputs
        }
        for lane in taken {
            var moved: [ColumnProcessor] = []
            swap(&moved, &lane.columns)
            while let processor = moved.popLast() { slots[processor.position] = processor }
        }
        processors = slots.map { $0! }
        var values = [[String]](repeating: [], count: count)
        var invalid = [[(slot: Int, cell: InvalidCell)]](repeating: [], count: count)
        for output in outputs {
            values[output.position] = output.values
            invalid[output.position] = output.invalid
        }

        var rows: [ProcessedRow] = []
        rows.reserveCapacity(kept.count)
        var cursors = [Int](repeating: 0, count: processors.count)
        for (slot, index) in kept.enumerated() {
            var rowValues: [String] = []
            rowValues.reserveCapacity(processors.count)
            var rowInvalid: [InvalidCell] = []
            for position in processors.indices {
                rowValues.append(values[position][slot])
                while cursors[position] < invalid[position].count, invalid[position][cursors[position]].slot == slot {
                    rowInvalid.append(invalid[position][cursors[position]].cell)
                    cursors[position] += 1
                }
            }
            rows.append(row(records[index].number, records[index].fields, rowValues, rowInvalid))
        }
        return rows
    }

    /// One column's work on a batch: its values for the kept records and its invalid cells (by slot).
    struct ColumnOutput: Sendable {
        var position: Int
        var values: [String]
        var invalid: [(slot: Int, cell: InvalidCell)]
    }

    /// The columns one lane processes, handed to the task that runs it and back (one task at a time).
    final class Lane: @unchecked Sendable {
        var columns: [ColumnProcessor]

        init(_ columns: [ColumnProcessor]) {
            self.columns = columns
        }
    }

    /// Runs the columns of one lane over the kept records, column by column.
    static func run(_ lane: Lane, over records: [(number: Int, fields: [String])], kept: [Int]) -> [ColumnOutput] {
        var columns: [ColumnProcessor] = []
        swap(&columns, &lane.columns)
        defer { swap(&columns, &lane.columns) }
        var scratch: [InvalidCell] = []
        return columns.indices.map { column in
            var output = ColumnOutput(position: columns[column].position, values: [], invalid: [])
            output.values.reserveCapacity(kept.count)
            for (slot, index) in kept.enumerated() {
                output.values.append(columns[column].process(number: records[index].number, fields: records[index].fields, invalid: &scratch))
                if !scratch.isEmpty {
                    for cell in scratch { output.invalid.append((slot, cell)) }
                    scratch.removeAll(keepingCapacity: true)
                }
            }
            return output
        }
    }

    /// Completes a row: cells past the header's width that hold something are errors; counts it.
    private func row(_ number: Int, _ fields: [String], _ values: [String], _ invalid: [InvalidCell]) -> ProcessedRow {
        var invalid = invalid
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
        counts.record(row)
        return row
    }

    /// Every repair made to cells so far, one event per column and kind, in the order a reader met them.
    public func cellHeals() -> [HealingEvent] {
        processors
            .flatMap { processor in processor.heals.entries.map { (processor.position, $0) } }
            .sorted { ($0.1.firstRow, $0.0) < ($1.1.firstRow, $1.0) }
            .map { position, entry in
                HealingEvent(
                    kind: entry.heal.kind.rawValue, sheet: sheet.key, column: columns[position].key,
                    from: entry.heal.from ?? entry.exampleFrom, to: entry.heal.to ?? entry.exampleTo,
                    confidence: 1, cells: entry.cells
                )
            }
    }
}
