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

    public init(plan: PlanSpec, review: ReviewMode, memory: [String: [String: String]] = [:], headSize: Int = SheetImporter.defaultHeadSize) {
        self.plan = plan
        self.review = review
        self.memory = memory
        self.headSize = headSize
    }

    /// A sheet after its final pass.
    struct SheetResult {
        var job: SheetJob
        var importer: SheetImporter
        var sourceHeals: [HealingEvent]
    }

    public func run(_ jobs: [SheetJob], into sink: inout some RowSink) async throws -> ImportOutcome {
        var results: [SheetResult] = []
        for job in jobs {
            try await sink.beginSheet(job.sheet.key)
            var (importer, heals) = try await pass(job, decided: nil, sink: &sink)
            if !importer.decisionsHold {
                try await sink.discardSheet(job.sheet.key)
                (importer, heals) = try await pass(job, decided: importer.evidence, sink: &sink)
            }
            try await sink.endSheet(job.sheet.key)
            results.append(SheetResult(job: job, importer: importer, sourceHeals: heals))
        }
        var report = Self.report(results)
        let healing = results.flatMap { $0.sourceHeals + ($0.importer.processor?.resolution.heals ?? []) + ($0.importer.processor?.cellHeals() ?? []) }
        let unresolved = results.contains { !($0.importer.processor?.resolution.unresolved.isEmpty ?? true) }
        guard report.invalidRowCount > 0 || unresolved else { return .completed(report, healing: healing) }
        let attention = try await propose(results)
        if review == .gate { return .needsAttention(report, healing: healing, attention) }
        report.suggestion = attention
        return .completed(report, healing: healing)
    }

    /// Reads one sheet once, writing its rows; returns the importer at the end and the source's repairs.
    private func pass(_ job: SheetJob, decided: SheetEvidence?, sink: inout some RowSink) async throws -> (SheetImporter, [HealingEvent]) {
        var importer = makeImporter(job, sheet: job.sheet, decided: decided)
        var ready: [ProcessedRow] = []
        let key = job.sheet.key
        let heals = try await job.source.read { headers in
            importer.begin(headers: headers)
        } record: { number, fields in
            try importer.consume(number: number, fields: fields) { ready.append($0) }
            for row in ready { try await sink.write(row, sheet: key) }
            ready.removeAll(keepingCapacity: true)
        }
        try importer.finish { ready.append($0) }
        for row in ready { try await sink.write(row, sheet: key) }
        return (importer, heals)
    }

    func makeImporter(_ job: SheetJob, sheet: SheetSpec, decided: SheetEvidence?) -> SheetImporter {
        SheetImporter(
            sheet: sheet, template: job.template, defaultCountry: plan.defaultCountry,
            memory: memory[job.template.id.uuidString.lowercased()] ?? [:], decided: decided, headSize: headSize
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
