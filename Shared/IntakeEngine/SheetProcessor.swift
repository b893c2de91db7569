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
        links: [Int: LinkedValues] = [:], lanes laneCount: Int = 2, expectedRecords: Int? = nil
    ) throws(PlanError) {
        self.sheet = sheet
        self.columns = template.columns
        self.resolution = resolution
        var processors: [ColumnProcessor] = []
        for (position, column) in template.columns.enumerated() {
            let sourceIndex = resolution.sourceIndex[position]
            let normalizer = try ColumnNormalizer(column: column, sheet: sheet, defaultCountry: defaultCountry, evidence: evidence.column(sourceIndex))
            processors.append(ColumnProcessor(
                position: position, column: column, sourceIndex: sourceIndex, sheetKey: sheet.key, normalizer: normalizer, link: links[position],
                expectedRecords: expectedRecords
            ))
        }
        self.processors = processors
        self.lanes = Self.lanes(processors, count: laneCount)
        self.counts = SheetSummary(columnCount: 0)
    }

    /// The slots of the `unique` set of the column at `position` (nil for a column that is not `unique`), for
    /// tests.
    func uniqueCapacity(_ position: Int) -> Int? {
        processors[position].uniqueCapacity
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
        summary.distinct = processors.map(\.distinctCount)
        return summary
    }

    /// From now on its columns gather the evidence of their source columns as they read them, adding to
    /// `head` (what the records before showed).
    func observe(from head: SheetEvidence) {
        for position in processors.indices {
            processors[position].observe(from: head.column(processors[position].sourceIndex))
        }
    }

    /// `head` with what its columns gathered since `observe(from:)`: a source column's dates from the first
    /// date column reading it, its numbers from the first number column.
    func evidence(over head: SheetEvidence) -> SheetEvidence {
        var evidence = head
        for processor in processors.reversed() {
            guard let index = processor.sourceIndex else { continue }
            if processor.watchesDates { evidence.set(index, dates: processor.evidence.dates) }
            if processor.watchesNumbers { evidence.set(index, numbers: processor.evidence.numbers) }
        }
        return evidence
    }

    /// What failed so far, per template column.
    public var failures: [ColumnFailures] { processors.map(\.failures) }

    /// Processes one record; nil for a blank record, which is skipped and counted.
    public func process(number: Int, fields: [String]) -> ProcessedRow? {
        let rows = processInOneLane(RecordBatch([(number, fields)]))
        return rows.isEmpty ? nil : rows.row(0)
    }

    /// Processes a batch of records, in order; blank records are skipped and counted. Its columns are spread
    /// over the lanes when it is large enough to be worth it.
    public func process(_ records: RecordBatch) async -> RowBatch {
        guard lanes.count > 1, records.count >= Self.laneThreshold else { return processInOneLane(records) }
        let kept = keptRecords(records)
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
            for lane in taken.dropFirst() { group.addTask { lane.run(over: records, kept: kept) } }
            var outputs = taken[0].run(over: records, kept: kept)
            for await output in group { outputs += output }
            return outputs
        }
        for lane in taken {
            var moved: [ColumnProcessor] = []
            swap(&moved, &lane.columns)
            while let processor = moved.popLast() { slots[processor.position] = processor }
        }
        processors = slots.map { $0! }
        return rows(records, kept: kept, outputs)
    }

    /// Processes a batch with all columns in turn on this task.
    func processInOneLane(_ records: RecordBatch) -> RowBatch {
        let kept = keptRecords(records)
        let lane = Lane([])
        swap(&lane.columns, &processors)
        let outputs = lane.run(over: records, kept: kept)
        swap(&lane.columns, &processors)
        return rows(records, kept: kept, outputs)
    }

    /// Indices of the records that are not blank; counts the blank ones.
    private func keptRecords(_ records: RecordBatch) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(records.count)
        var next = 0
        records.forEachBlank(in: 0..<records.count) { blank in
            kept.append(contentsOf: next..<blank)
            next = blank + 1
            counts.blankRows += 1
        }
        kept.append(contentsOf: next..<records.count)
        return kept
    }

    /// One column's work on a batch: its values for the kept records and its invalid cells (by slot).
    struct ColumnOutput: Sendable {
        var position: Int
        var values: ColumnValues
        var invalid: [(slot: Int, cell: InvalidCell)]
    }

    /// The columns one lane processes, handed to the task that runs it and back (one task at a time).
    final class Lane: @unchecked Sendable {
        var columns: [ColumnProcessor]

        init(_ columns: [ColumnProcessor]) {
            self.columns = columns
        }

        /// Runs its columns over the kept records of `records`, a tile of records at a time, column by column
        /// within a tile.
        func run(over records: RecordBatch, kept: [Int]) -> [ColumnOutput] {
            var columns: [ColumnProcessor] = []
            swap(&columns, &self.columns)
            defer { swap(&columns, &self.columns) }
            var outputs = columns.map { column in
                // Room for as many bytes a value as the column's last batch took, so its buffer rarely grows.
                let bytes = kept.count * column.bytesPerValue + kept.count / 8
                return ColumnOutput(position: column.position, values: ColumnValues(capacity: kept.count, bytes: bytes), invalid: [])
            }
            var start = 0
            while start < kept.count {
                let tile = start..<min(start + Self.tileRecords, kept.count)
                for column in columns.indices { Self.run(&columns[column], over: records, kept: kept, tile, into: &outputs[column]) }
                start = tile.upperBound
            }
            for column in columns.indices {
                let values = outputs[column].values
                if let sourceIndex = columns[column].sourceIndex {
                    records.withCells(of: sourceIndex) { cells in
                        columns[column].checkUnique(values, raw: { slot in cells[kept[slot]].map { String(decoding: $0, as: UTF8.self) } ?? "" }, invalid: &outputs[column].invalid)
                    }
                }
                columns[column].bytesPerValue = (values.byteCount + values.count - 1) / max(1, values.count)
            }
            return outputs
        }

        /// Records whose cells every column of a lane reads before the next ones: a tile of a contacts file
        /// (~100 KiB of text and field marks) stays in a core's L2 cache while each column reads its cells,
        /// where a whole 1 MiB chunk's batch was read from further out once per column.
        static let tileRecords = 1_024

        /// Runs one column over the kept records `tile` (positions in `kept`), its state and output passed in
        /// place, so the per-cell loop touches no captured variable. A `unique` column's checks wait for the
        /// batch's end (`checkUnique`).
        private static func run(
            _ column: inout ColumnProcessor, over records: RecordBatch, kept: [Int], _ tile: Range<Int>, into output: inout ColumnOutput
        ) {
            var invalid: [InvalidCell] = []
            guard let sourceIndex = column.sourceIndex else {
                for slot in tile {
                    output.values.append(column.process(number: records.numbers[kept[slot]], text: "", invalid: &invalid))
                    for cell in invalid { output.invalid.append((slot, cell)) }
                    invalid.removeAll(keepingCapacity: true)
                }
                return
            }
            records.withCells(of: sourceIndex) { cells in
                output.values.withWriter { values in
                    column.run(over: cells, numbers: records.numbers, kept: kept[tile], into: &values, invalid: &output.invalid)
                }
            }
        }
    }

    /// Puts the rows together from the columns' outputs: each row's values in column order, its invalid cells
    /// in column order, cells past the header's width that hold something as errors; counts them.
    private func rows(_ records: RecordBatch, kept: [Int], _ outputs: [ColumnOutput]) -> RowBatch {
        let count = processors.count
        var values = [ColumnValues](repeating: ColumnValues(capacity: 0), count: count)
        var invalid = [[(slot: Int, cell: InvalidCell)]](repeating: [], count: count)
        for output in outputs {
            values[output.position] = output.values
            invalid[output.position] = output.invalid
        }
        var rows = RowBatch(columns: values, reserving: kept.count)
        var cursors = [Int](repeating: 0, count: count)
        var rowInvalid: [InvalidCell] = []
        var counts = self.counts
        defer { self.counts = counts }
        let width = resolution.headers.count
        // The first slot any column still has an invalid cell at: rows before it take no column's cells.
        func nextInvalidSlot() -> Int {
            var next = Int.max
            for position in 0..<count where cursors[position] < invalid[position].count {
                next = min(next, invalid[position][cursors[position]].slot)
            }
            return next
        }
        var nextInvalid = nextInvalidSlot()
        for (slot, index) in kept.enumerated() {
            rowInvalid.removeAll(keepingCapacity: true)
            if slot == nextInvalid {
                for position in 0..<count {
                    while cursors[position] < invalid[position].count, invalid[position][cursors[position]].slot == slot {
                        rowInvalid.append(invalid[position][cursors[position]].cell)
                        cursors[position] += 1
                    }
                }
                nextInvalid = nextInvalidSlot()
            }
            let number = records.numbers[index]
            if records.width(index) > width {
                for field in width..<records.width(index) {
                    let value = records.field(index, field)
                    guard !ValueText.isBlank(value) else { continue }
                    rowInvalid.append(InvalidCell(
                        sheet: sheet.key, row: number, column: "#\(field + 1)", value: value,
                        code: .extraCell, message: "the record has more cells than the header row"
                    ))
                }
            }
            rows.endRow(number: number, invalid: rowInvalid)
            counts.record(invalidCells: rowInvalid.count)
        }
        return rows
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
