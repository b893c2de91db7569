import IntakeDomain

/// Runs a plan version over a run's sheets: every record read, mapped, repaired and validated, rows
/// streamed to a sink; where rows still fail, a proposed patch whose impact is measured by running the
/// engine again with it over the same data.
///
/// A sheet is read once in the common case. Its column decisions are taken after the first records; if
/// the rest of the file contradicts one (say a day over 12 first appears at record 50,000), the sheet's
/// rows are discarded and it is read again with the whole file's evidence.
public struct ImportEngine: Sendable {
    public let plan: PlanSpec
    public let review: ReviewMode
    /// Approved header → column mappings per template: normalised header → column key.
    public let memory: [String: [String: String]]
    public let headSize: Int
    /// Lanes a batch's columns are spread over (two: healing takes two cores; one: a single core).
    public let lanes: Int

    public init(
        plan: PlanSpec, review: ReviewMode, memory: [String: [String: String]] = [:], headSize: Int = SheetImporter.defaultHeadSize, lanes: Int = 2
    ) {
        self.plan = plan
        self.review = review
        self.memory = memory
        self.headSize = headSize
        self.lanes = lanes
    }

    /// A sheet after its final pass.
    struct SheetResult {
        var job: SheetJob
        var importer: SheetImporter
        var sourceHeals: [HealingEvent]
        /// The values its `link` columns were checked against.
        var links: [Int: LinkedValues]
    }

    public func run(_ jobs: [SheetJob], into sink: inout some RowSink) async throws -> ImportOutcome {
        var timings = StageTimings()
        return try await run(jobs, into: &sink, timings: &timings)
    }

    /// Runs the sheets, adding where the time went to `timings`.
    public func run(_ jobs: [SheetJob], into sink: inout some RowSink, timings: inout StageTimings) async throws -> ImportOutcome {
        let linkPlan = LinkPlan(jobs)
        var linked: [Int: [Int: LinkedValues]] = [:]
        var byJob: [Int: SheetResult] = [:]
        for index in linkPlan.order {
            let job = jobs[index]
            var links: [Int: LinkedValues] = [:]
            for (position, target) in linkPlan.targets[index] ?? [:] {
                links[position] = linked[target.job]?[target.column]
                    ?? LinkedValues(sheet: jobs[target.job].sheet.key, column: jobs[target.job].template.columns[target.column].key)
            }
            let collect = linkPlan.linkedColumns(of: index)
            try await sink.beginSheet(job.sheet.key)
            var (importer, heals, values) = try await pass(job, decided: nil, links: links, collect: collect, sink: &sink, timings: &timings)
            if !importer.decisionsHold {
                try await sink.discardSheet(job.sheet.key)
                (importer, heals, values) = try await pass(job, decided: importer.evidence, links: links, collect: collect, sink: &sink, timings: &timings)
            }
            try await sink.endSheet(job.sheet.key)
            linked[index] = Dictionary(uniqueKeysWithValues: values.map { position, set in
                (position, LinkedValues(sheet: job.sheet.key, column: job.template.columns[position].key, values: set))
            })
            byJob[index] = SheetResult(job: job, importer: importer, sourceHeals: heals, links: links)
        }
        let results = jobs.indices.compactMap { byJob[$0] }
        var report = Self.report(results)
        let healing = results.flatMap { result in
            let headerHeals = (result.importer.processor?.resolution.heals ?? []).filter {
                result.job.source.hasColumnOrder || $0.kind != HealKind.reorderedColumns.rawValue
            }
            return result.sourceHeals + headerHeals + (result.importer.processor?.cellHeals() ?? [])
        }
        let unresolved = results.contains { !($0.importer.processor?.resolution.unresolved.isEmpty ?? true) }
        guard report.invalidRowCount > 0 || unresolved else { return .completed(report, healing: healing) }
        let proposing = ContinuousClock.now
        let attention = try await propose(results)
        timings.proposal += ContinuousClock.now - proposing
        if review == .gate { return .needsAttention(report, healing: healing, attention) }
        report.suggestion = attention
        return .completed(report, healing: healing)
    }

    /// Reads one sheet once, writing its rows; returns the importer at the end, the source's repairs and the
    /// values of the `collect` columns in its valid rows (for sheets that link to it).
    ///
    /// The source is read (decoded, parsed) by a child task on another core while this one heals and
    /// writes; a few batches of records sit between them (`RecordPipe`), so memory stays bounded.
    private func pass(
        _ job: SheetJob, decided: SheetEvidence?, links: [Int: LinkedValues], collect: Set<Int>, sink: inout some RowSink,
        timings: inout StageTimings
    ) async throws -> (SheetImporter, [HealingEvent], [Int: Set<String>]) {
        let clock = ContinuousClock()
        let started = clock.now
        var heal = Duration.zero
        var write = Duration.zero
        var importer = makeImporter(job, sheet: job.sheet, decided: decided, links: links)
        var ready = RowBatch(width: job.template.columns.count)
        var values: [Int: Set<String>] = Dictionary(uniqueKeysWithValues: collect.map { ($0, []) })
        let key = job.sheet.key

        func deliver(_ sink: inout some RowSink) async throws {
            guard !ready.isEmpty else { return }
            for row in 0..<ready.count where !collect.isEmpty && !ready.isInvalid(row) {
                for position in collect {
                    let value = ready.value(row, position)
                    if !value.isEmpty { values[position]!.insert(value) }
                }
            }
            try await sink.write(ready, sheet: key)
            ready = RowBatch(width: job.template.columns.count)
        }

        /// Heals (`work` releases rows into `ready`), then writes what it released, timing both.
        func healThenWrite(_ sink: inout some RowSink, _ work: () async throws -> Void) async throws {
            let before = clock.now
            try await work()
            let healed = clock.now
            try await deliver(&sink)
            heal += healed - before
            write += clock.now - healed
        }

        let pipe = RecordPipe()
        let source = job.source
        let heals = try await withThrowingTaskGroup(of: [HealingEvent].self) { group in
            group.addTask {
                do {
                    let heals = try await source.read(header: { headers in
                        try await pipe.send(.header(headers))
                    }, records: { batch in
                        try await pipe.send(.records(batch))
                    })
                    pipe.finish()
                    return heals
                } catch {
                    pipe.finish(throwing: error)
                    throw error
                }
            }
            do {
                while let event = try await pipe.next() {
                    switch event {
                    case .header(let headers):
                        importer.begin(headers: headers)
                    case .records(let records):
                        try await healThenWrite(&sink) { ready = try await importer.consume(records) }
                    }
                }
                return try await group.next() ?? []
            } catch {
                pipe.close()
                group.cancelAll()
                // Wait for the reader to stop; what is thrown is what this side met (the reader's own failure
                // when it came through the pipe).
                while let _ = try? await group.next() {}
                throw error
            }
        }
        try await healThenWrite(&sink) { ready = try importer.finish() }
        timings.passes += 1
        timings.heal += heal
        timings.write += write
        timings.read += clock.now - started - heal - write
        return (importer, heals, values)
    }

    func makeImporter(_ job: SheetJob, sheet: SheetSpec, decided: SheetEvidence?, links: [Int: LinkedValues]) -> SheetImporter {
        SheetImporter(
            sheet: sheet, template: job.template, defaultCountry: plan.defaultCountry,
            memory: memory[job.template.id.uuidString.lowercased()] ?? [:], decided: decided, links: links, headSize: headSize, lanes: lanes,
            sourceBytes: job.source.byteCount
        )
    }

    /// Questions and a proposed patch for what still fails, with the patch's impact measured.
    private func propose(_ results: [SheetResult]) async throws -> NeedsAttention {
        var questions: [NeedsAttention.Question] = []
        var actions: [PlanPatch.Action] = []
        for result in results {
            let proposal = ProposalBuilder.propose(result.importer, defaultCountry: plan.defaultCountry)
            questions += proposal.questions
            actions += proposal.actions
        }
        let patch = PlanPatch(summary: "", actions: actions, impact: PlanPatch.Impact(rowsFixed: 0, cellsChanged: 0))
        let patched = try PlanPatcher.apply(patch, answers: [], questions: [], to: plan)
        var impact = PlanPatch.Impact(rowsFixed: 0, cellsChanged: 0)
        var stillInvalid = 0
        for result in results {
            let original = result.importer.processor?.summary.invalidRows ?? 0
            guard let sheet = patched.sheets.first(where: { $0.key == result.job.sheet.key }), sheet != result.job.sheet else {
                stillInvalid += original
                continue
            }
            let measured = try await ImpactMeter(engine: self).measure(result, patched: sheet)
            impact.rowsFixed += measured.rowsFixed
            impact.cellsChanged += measured.cellsChanged
            stillInvalid += measured.invalidRows
        }
        if stillInvalid > 0 {
            actions.append(PlanPatch.Action(type: .dropInvalidRows))
        }
        let summary = ProposalBuilder.summary(actions, stillInvalid: stillInvalid)
        return NeedsAttention(questions: questions, proposedPatch: PlanPatch(summary: summary, actions: actions, impact: impact))
    }

    static func report(_ results: [SheetResult]) -> RunReport {
        var sheets: [RunReport.Sheet] = []
        var profile: [String: RunReport.ColumnProfile] = [:]
        var invalidCells = 0
        for result in results {
            guard let processor = result.importer.processor else { continue }
            let summary = processor.summary
            sheets.append(RunReport.Sheet(sheet: result.job.sheet.key, templateId: result.job.template.id, rows: summary.rows, invalidRows: summary.invalidRows))
            invalidCells += summary.invalidCells
            for (column, columnProfile) in summary.profile(columns: result.job.template.columns) {
                profile[results.count == 1 ? column : "\(result.job.sheet.key).\(column)"] = columnProfile
            }
        }
        let invalidRows = sheets.reduce(0) { $0 + $1.invalidRows }
        return RunReport(
            inserted: sheets.reduce(0) { $0 + $1.rows } - invalidRows,
            invalidRowCount: invalidRows, invalidCellCount: invalidCells, sheets: sheets, profile: profile
        )
    }
}
