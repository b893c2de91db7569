import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import Logging

/// Carries one claimed run through the engine and writes its result atomically, renewing its lease meanwhile.
///
/// A worker told to stop goes on with its run for `WorkerConfiguration.shutdownGrace`; a run not finished by
/// then is abandoned (its result transaction rolled back) and handed over to another worker, uncharged.
struct RunProcessor: Sendable {
    let runs: PostgresRunRepository
    let plans: PostgresPlanRepository
    let templates: PostgresTemplateRepository
    let memory: PostgresColumnMemoryRepository
    let loader: RunInputLoader
    let configuration: WorkerConfiguration
    let logger: Logger
    /// Returns once the worker is told to stop (its graceful shutdown: `gracefulShutdown()`); throws when
    /// the waiting task is canceled first.
    let stopping: @Sendable () async throws -> Void

    func process(_ run: RunRecord) async {
        var logger = logger
        logger[metadataKey: "run_id"] = "\(run.id)"
        logger.info("run started", metadata: ["attempt": "\(run.attempt)"])
        let owner = configuration.workerId
        let lease = configuration.lease
        let progress = RowCounter()
        let finishing = FinishingFlag()
        do {
            let finished = try await withThrowingTaskGroup(of: RunRecord?.self) { group in
                group.addTask {
                    try await keepLease(run: run, owner: owner, lease: lease, progress: progress, finishing: finishing)
                    return nil
                }
                group.addTask {
                    try await handOverDeadline(finishing: finishing)
                    return nil
                }
                group.addTask {
                    try await runs.finish(id: run.id, owner: owner) { writer in
                        let outcome = try await produce(run, writer: writer, progress: progress)
                        finishing.set()
                        return outcome
                    }
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let record = result { return record }
                }
                throw LeaseLost(runId: run.id)
            }
            logger.info("run finished", metadata: ["status": "\(finished.status.rawValue)"])
        } catch is HandOver {
            await handOver(run, logger: logger)
        } catch is LeaseLost {
            logger.warning("lease lost; another worker or a cancel owns the run now")
        } catch {
            logger.error("run attempt interrupted; it will be retried when its lease expires", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Waits until the worker is told to stop, then for its grace period; throws `HandOver` unless the result
    /// is being stored by then (a commit away from done: it is let finish).
    private func handOverDeadline(finishing: FinishingFlag) async throws {
        try await stopping()
        logger.info("stopping: the run has the shutdown grace period to finish", metadata: ["grace": "\(configuration.shutdownGrace)"])
        try await Task.sleep(for: configuration.shutdownGrace)
        guard !finishing.isSet else { return }
        throw HandOver()
    }

    /// Gives the run, whose attempt was abandoned (its result rolled back), back to the queue for another
    /// worker. Should that fail, the run is retried anyway once its lease expires (an attempt then counts).
    private func handOver(_ run: RunRecord, logger: Logger) async {
        do {
            if try await runs.handOver(id: run.id, owner: configuration.workerId) != nil {
                logger.notice("run not finished within the shutdown grace period; handed over to another worker")
            } else {
                logger.info("run no longer this worker's (finished, canceled or taken over); nothing to hand over")
            }
        } catch {
            logger.error("could not hand the run over; it will be retried when its lease expires", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Renews the lease (and reports rows written) every third of its length, at least every 2 s; throws
    /// `LeaseLost` when the run stops being ours. Once the result is being stored it stops: the final update
    /// checks the lease itself, and releases it (a heartbeat meeting the released lease is no loss).
    private func keepLease(run: RunRecord, owner: String, lease: Duration, progress: RowCounter, finishing: FinishingFlag) async throws {
        while !finishing.isSet {
            try await Task.sleep(for: min(lease / 3, .seconds(2)))
            if finishing.isSet { return }
            let current = RunProgress(phase: "processing", rowsProcessed: progress.value)
            guard try await runs.heartbeat(id: run.id, owner: owner, lease: lease, progress: current) else {
                if finishing.isSet { return }
                throw LeaseLost(runId: run.id)
            }
        }
    }

    /// Runs the engine over every sheet, streaming rows to the writer in batches; returns the outcome.
    private func produce(_ run: RunRecord, writer: RunResultWriter, progress: RowCounter) async throws -> RunOutcome {
        guard let plan = try await plans.find(id: run.planId, version: run.planVersion) else {
            return .failed(RunError(code: "plan_missing", message: "plan version \(run.planVersion) no longer exists"))
        }
        do {
            let inputs = try await loader.load(run.input, plan: plan.spec)
            let templateIds = inputs.map(\.sheet.templateId)
            let templatesById = try await templates.find(ids: templateIds)
            let jobs = try inputs.map { input in
                guard let template = templatesById[input.sheet.templateId] else {
                    throw RunError(code: "template_missing", message: "template of sheet \"\(input.sheet.key)\" no longer exists")
                }
                return SheetJob(sheet: input.sheet, template: template, source: input.source)
            }
            let engine = ImportEngine(
                plan: plan.spec, review: run.review,
                memory: try await memory.memory(accountId: run.accountId, templateIds: templateIds), lanes: configuration.lanes
            )
            var sink = RunRowSink(writer: writer, progress: progress)
            var timings = StageTimings()
            let outcome: ImportOutcome
            do {
                outcome = try await engine.run(jobs, into: &sink, timings: &timings)
            } catch {
                await sink.abandon()
                throw error
            }
            logger.info("engine finished", metadata: [
                "run_id": "\(run.id)", "rows": "\(progress.value)", "stages": "\(timings.summary)",
            ])
            switch outcome {
            case .completed(let report, let healing):
                return .completed(report, healing: healing)
            case .needsAttention(let report, let healing, let attention):
                return .needsAttention(report, healing: healing, attention)
            }
        } catch let error as PlanError {
            return .failed(RunError(code: "plan_invalid", message: error.message))
        } catch let error as RunError {
            return .failed(error)
        }
    }
}

/// The worker is stopping and its run did not finish within the shutdown grace period.
private struct HandOver: Error {}
