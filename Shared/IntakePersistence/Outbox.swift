import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// The transactional outbox: lifecycle messages written in the same transaction as the state they announce.
public enum Outbox {
    /// The topic exchange every run lifecycle message is published to.
    public static let runsExchange = "intake.runs"

    /// The routing key of a reminder that a run is still queued (`PostgresRunRepository.remindQueued`): bound to
    /// the workers' queue only, so the report service, which follows `run.*`, does not count it as a transition.
    public static let queuedReminderKey = "reminder.run.queued"

    /// Adds a message to the outbox on a connection that is inside the caller's transaction, routed by its status
    /// unless `routingKey` is given.
    public static func enqueue(
        _ message: RunLifecycleMessage, routingKey: String? = nil, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let payload = try JSONText.encode(message)
        try await connection.query(
            """
            INSERT INTO outbox (message_id, exchange, routing_key, payload)
            VALUES (\(message.messageId), \(runsExchange), \(routingKey ?? message.status.routingKey), \(payload)::jsonb)
            """,
            logger: logger
        )
    }
}
