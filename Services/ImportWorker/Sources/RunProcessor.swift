import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import Logging

/// Carries one claimed run through the engine and writes its result atomically, renewing its lease meanwhile.
struct RunProcessor: Sendable {
    let runs: PostgresRunRepository
    let plans: PostgresPlanRepository
    let templates: PostgresTemplateRepository
    let loader: RunInputLoader
    let configuration: WorkerConfiguration
    let logger: Logger

    func process(_ run: RunRecord) async {
        var logger = logger
        logger[metadataKey: "run_id"] = "\(run.id)"
        logger.info("run started", metadata: ["attempt": "\(run.attempt)"])
        let owner = configuration.workerId
        let lease = configuration.lease
        do {
            let finished = try await withThrowingTaskGroup(of: RunRecord?.self) { group in
                group.addTask {
                    try await keepLease(run: run, owner: owner, lease: lease)
                    return nil
                }
                group.addTask {
                    try await runs.finish(id: run.id, owner: owner) { writer in
                        try await produce(run, writer: writer)
                    }
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let record = result { return record }
                }
                throw LeaseLost(runId: run.id)
            }
            logger.info("run finished", metadata: ["status": "\(finished.status.rawValue)"])
        } catch is LeaseLost {
            logger.warning("lease lost; another worker or a cancel owns the run now")
        } catch {
            logger.error("run attempt interrupted; it will be retried when its lease expires", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Renews the lease every third of its length; throws `LeaseLost` when the run stops being ours.
    private func keepLease(run: RunRecord, owner: String, lease: Duration) async throws {
        while true {
            try await Task.sleep(for: lease / 3)
            let progress = RunProgress(phase: "processing")
            guard try await runs.heartbeat(id: run.id, owner: owner, lease: lease, progress: progress) else {
                throw LeaseLost(runId: run.id)
            }
        }
    }

    /// Runs the engine over every sheet, streaming rows to the writer in batches; returns the outcome.
    private func produce(_ run: RunRecord, writer: RunResultWriter) async throws -> RunOutcome {
        guard let plan = try await plans.find(id: run.planId, version: run.planVersion) else {
            return .failed(RunError(code: "plan_missing", message: "plan version \(run.planVersion) no longer exists"))
        }
        let inputs: [SheetInput]
        do {
            inputs = try await loader.load(run.input, plan: plan.spec)
        } catch let error as RunError {
            return .failed(error)
        }
        let templatesById = try await templates.find(ids: inputs.map(\.sheet.templateId))
        var sheets: [RunReport.Sheet] = []
        var profile: [String: RunReport.ColumnProfile] = [:]
        var invalidCells = 0
        var healing: [HealingEvent] = []
        for input in inputs {
            guard let template = templatesById[input.sheet.templateId] else {
                return .failed(RunError(code: "template_missing", message: "template of sheet \"\(input.sheet.key)\" no longer exists"))
            }
            var processor: SheetProcessor?
            var rows: [StoredRow] = []
            var cells: [InvalidCell] = []
            do {
                healing += try await input.source.read { headers in
                    processor = try SheetProcessor(sheet: input.sheet, template: template, defaultCountry: plan.spec.defaultCountry, headers: headers)
                } record: { number, fields in
                    guard let row = processor?.process(number: number, fields: fields) else { return }
                    rows.append(StoredRow(sheet: input.sheet.key, number: row.number, invalid: row.isInvalid, csvRecord: CSVRecordWriter.record(row.values)))
                    cells.append(contentsOf: row.invalidCells)
                    if rows.count >= configuration.writeBatchRows {
                        try await writer.append(rows: rows, cells: cells)
                        rows.removeAll(keepingCapacity: true)
                        cells.removeAll(keepingCapacity: true)
                    }
                }
            } catch let error as PlanError {
                return .failed(RunError(code: "plan_invalid", message: error.message))
            } catch let error as RunError {
                return .failed(error)
            }
            try await writer.append(rows: rows, cells: cells)
            guard let summary = processor?.summary else { continue }
            sheets.append(RunReport.Sheet(sheet: input.sheet.key, templateId: template.id, rows: summary.rows, invalidRows: summary.invalidRows))
            invalidCells += summary.invalidCells
            for (column, columnProfile) in summary.profile(columns: template.columns) {
                profile[inputs.count == 1 ? column : "\(input.sheet.key).\(column)"] = columnProfile
            }
        }
        let invalidRows = sheets.reduce(0) { $0 + $1.invalidRows }
        let report = RunReport(
            inserted: sheets.reduce(0) { $0 + $1.rows } - invalidRows,
            invalidRowCount: invalidRows, invalidCellCount: invalidCells, sheets: sheets, profile: profile
        )
        return .completed(report, healing: healing)
    }
}
