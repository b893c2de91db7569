import Foundation
import IntakeMessaging
import Logging
import PostgresNIO

/// Whether a service's dependencies answer: Postgres always, the broker when the service uses one.
public struct ReadinessCheck: Sendable {
    /// The outcome per dependency.
    public struct Report: Codable, Sendable {
        public var ready: Bool
        public var postgres: Bool
        public var broker: Bool?
    }

    let client: PostgresClient
    let publisher: RabbitMQPublisher?
    let logger: Logger

    public init(client: PostgresClient, publisher: RabbitMQPublisher?, logger: Logger) {
        self.client = client
        self.publisher = publisher
        self.logger = logger
    }

    public func check() async -> Report {
        let postgres: Bool
        do {
            try await client.query("SELECT 1", logger: logger)
            postgres = true
        } catch {
            postgres = false
        }
        let broker: Bool? = if let publisher { await publisher.checkConnection() } else { nil }
        return Report(ready: postgres && broker != false, postgres: postgres, broker: broker)
    }
}
