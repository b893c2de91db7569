import IntakePersistence
import Logging
import ServiceLifecycle

/// Requeues runs whose worker died (lease expired), or fails them after too many attempts; a `Service`.
struct LeaseRecoveryService: Service {
    let runs: PostgresRunRepository
    let interval: Duration
    let maxAttempts: Int
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                for run in try await runs.recoverExpiredLeases(maxAttempts: maxAttempts) {
                    logger.warning("recovered run from an expired lease", metadata: ["run_id": "\(run.id)", "status": "\(run.status.rawValue)", "attempt": "\(run.attempt)"])
                }
            } catch {
                logger.warning("lease recovery failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
