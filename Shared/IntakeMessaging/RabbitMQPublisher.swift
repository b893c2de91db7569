import Foundation
import Logging

/// Publishes persistent messages with publisher confirms over its own connection, reopening it on failure.
public actor RabbitMQPublisher {
    /// A message to publish.
    public struct Message: Sendable {
        public var exchange: String
        public var routingKey: String
        public var messageId: String
        public var body: [UInt8]

        public init(exchange: String, routingKey: String, messageId: String, body: [UInt8]) {
            self.exchange = exchange
            self.routingKey = routingKey
            self.messageId = messageId
            self.body = body
        }
    }

    private let connection: AMQPConnection
    private let topology: Topology
    private let logger: Logger

    public init(url: AMQPURL, topology: Topology = .intake, logger: Logger) {
        self.connection = AMQPConnection(url: url)
        self.topology = topology
        self.logger = logger
    }

    /// Publishes `messages` and returns once the broker has confirmed them all; throws otherwise
    /// (the caller retries: delivery is at-least-once).
    public func publish(_ messages: [Message]) async throws {
        guard !messages.isEmpty else { return }
        let outgoing = messages.map {
            AMQPConnection.Outgoing(exchange: $0.exchange, routingKey: $0.routingKey, messageId: $0.messageId, body: $0.body)
        }
        let topology = self.topology
        do {
            try await connection.perform { connection in
                if !connection.isOpenSync { try connection.openSync(topology: topology, confirms: true) }
                try connection.publishSync(outgoing)
            }
        } catch {
            _ = try? await connection.perform { $0.closeSync() }
            throw error
        }
    }

    /// Whether a connection to the broker can be opened now (readiness).
    public func checkConnection() async -> Bool {
        let topology = self.topology
        do {
            try await connection.perform { connection in
                if !connection.isOpenSync { try connection.openSync(topology: topology, confirms: true) }
            }
            return true
        } catch {
            logger.debug("broker not reachable", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Closes the connection and its thread.
    public func shutdown() async {
        await connection.shutdown()
    }
}
