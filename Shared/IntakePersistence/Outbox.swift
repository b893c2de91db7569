import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// The transactional outbox: lifecycle messages written in the same transaction as the state they announce.
public enum Outbox {
    /// The topic exchange every run lifecycle message is published to.
    public static let runsExchange = "intake.runs"

    /// Adds a message to the outbox on a connection that is inside the caller's transaction.
    public static func enqueue(_ message: RunLifecycleMessage, on connection: PostgresConnection, logger: Logger) async throws {
        let payload = try JSONText.encode(message)
        try await connection.query(
            """
            INSERT INTO outbox (message_id, exchange, routing_key, payload)
            VALUES (\(message.messageId), \(runsExchange), \(message.status.routingKey), \(payload)::jsonb)
            """,
            logger: logger
        )
    }
}
