import Foundation
import IntakeDomain
import IntakeMessaging
import IntakePersistence
import Logging
import ServiceLifecycle

/// Handles `run.queued` deliveries: claim the run under a lease, acknowledge, then process it.
///
/// A delivery met once the worker is stopping is requeued unclaimed: it starts no import the worker would
/// soon hand over.
///
/// A delivery for a run that is no longer queued (a redelivery, a duplicate, a canceled run) is acknowledged
/// and dropped; a malformed one is dead-lettered. A claim that fails is retried, with backoff, for
/// `claimRetryWindow` before the delivery is requeued: requeued at once, a Postgres failover of a few seconds
/// used up the queue's delivery limit and dead-lettered the message.
struct RunQueueHandler: Sendable {
    let runs: PostgresRunRepository
    let processor: RunProcessor
    let configuration: WorkerConfiguration
    let logger: Logger

    func handle(_ message: RabbitMQConsumer.Message) async -> RabbitMQConsumer.Disposition {
        let lifecycle: RunLifecycleMessage
        do {
            lifecycle = try JSONText.decoder.decode(RunLifecycleMessage.self, from: Data(message.body))
        } catch {
            logger.error("malformed run message dead-lettered", metadata: ["message_id": "\(message.messageId ?? "-")"])
            return .reject
        }
        // Told to stop while this delivery was on its way: back to the queue, for a worker that is staying.
        guard !Task.isShuttingDownGracefully else { return .requeue }
        var backoff = Backoff()
        let deadline = ContinuousClock.now + configuration.claimRetryWindow
        while true {
            do {
                guard let run = try await runs.claim(id: lifecycle.runId, owner: configuration.workerId, lease: configuration.lease) else {
                    logger.debug("run not queued; message dropped", metadata: ["run_id": "\(lifecycle.runId)"])
                    return .ack
                }
                return .ackThen { await processor.process(run) }
            } catch {
                let delay = backoff.next()
                guard !Task.isShuttingDownGracefully, ContinuousClock.now + delay < deadline else {
                    logger.warning("could not claim run; requeueing the message", metadata: ["run_id": "\(lifecycle.runId)", "error": "\(error)"])
                    return .requeue
                }
                logger.warning("could not claim run; retrying", metadata: ["run_id": "\(lifecycle.runId)", "error": "\(error)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }
}
