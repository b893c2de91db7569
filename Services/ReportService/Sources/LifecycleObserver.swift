import Foundation
import IntakeDomain
import IntakeMessaging
import IntakePersistence
import Logging
import Metrics

/// Consumes every run lifecycle event: counts transitions per status for dashboards and logs each one.
struct LifecycleObserver: Sendable {
    let logger: Logger

    func handle(_ message: RabbitMQConsumer.Message) async -> RabbitMQConsumer.Disposition {
        guard let event = try? JSONText.decoder.decode(RunLifecycleMessage.self, from: Data(message.body)) else {
            logger.error("malformed lifecycle message dead-lettered", metadata: ["message_id": "\(message.messageId ?? "-")"])
            return .reject
        }
        Counter(label: "intake_run_transitions_total", dimensions: [("status", event.status.rawValue)]).increment()
        logger.info("run transition", metadata: [
            "run_id": "\(event.runId)", "company_id": "\(event.companyId)", "status": "\(event.status.rawValue)",
            "attempt": "\(event.attempt)", "plan_version": "\(event.planVersion)",
        ])
        return .ack
    }
}
