import IntakePersistence
import Logging
import ServiceLifecycle

/// Requeues runs whose worker died (lease expired), or fails them after too many attempts; and reminds the
/// workers of runs queued for longer than `remindAfter` (their message may be lost: `remindQueued`); a
/// `Service`.
struct LeaseRecoveryService: Service {
    let runs: PostgresRunRepository
    let interval: Duration
    let maxAttempts: Int
    let remindAfter: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                for run in try await runs.recoverExpiredLeases(maxAttempts: maxAttempts) {
                    logger.warning("recovered run from an expired lease", metadata: ["run_id": "\(run.id)", "status": "\(run.status.rawValue)", "attempt": "\(run.attempt)"])
                }
                for run in try await runs.remindQueued(after: remindAfter) {
                    logger.notice("run still queued; workers reminded", metadata: ["run_id": "\(run.id)", "company_id": "\(run.companyId)"])
                }
            } catch {
                logger.warning("lease recovery failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
