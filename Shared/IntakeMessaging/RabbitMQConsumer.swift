import Foundation
import Logging
import ServiceLifecycle

/// Consumes one queue with manual acks over its own connection, reconnecting with backoff; a `Service`.
///
/// The handler runs for one delivery at a time and decides its fate; it must be idempotent, since a
/// delivery whose ack was lost comes again.
///
/// The connection keeps AMQP heartbeats (`heartbeat`), so a broker gone silent or a connection dropped on
/// the way without a word (a failover, a NAT or load balancer forgetting it) is noticed within two
/// intervals and the consumer reconnects; without them it would wait for deliveries for ever. While an
/// `ackThen` follow-up runs (an import, for minutes), the consumer is stopped and the connection kept
/// answering heartbeats, then consuming starts again.
public struct RabbitMQConsumer: Service {
    /// What to do with a delivery once the handler returns.
    public enum Disposition: Sendable {
        case ack
        /// Acknowledge now, then run the follow-up before taking the next delivery: long work that must
        /// not hold a delivery open past the broker's consumer timeout.
        case ackThen(@Sendable () async -> Void)
        case requeue
        case reject
    }

    /// A received message.
    public struct Message: Sendable {
        public var routingKey: String
        public var messageId: String?
        public var redelivered: Bool
        public var body: [UInt8]
    }

    let url: AMQPURL
    let queue: String
    let prefetch: UInt16
    let topology: Topology
    let heartbeat: Duration
    let logger: Logger
    let handler: @Sendable (Message) async -> Disposition

    public init(
        url: AMQPURL,
        queue: String,
        prefetch: UInt16 = 1,
        topology: Topology = .intake,
        heartbeat: Duration = .seconds(30),
        logger: Logger,
        handler: @escaping @Sendable (Message) async -> Disposition
    ) {
        self.url = url
        self.queue = queue
        self.prefetch = prefetch
        self.topology = topology
        self.heartbeat = heartbeat
        self.logger = logger
        self.handler = handler
    }

    public func run() async throws {
        let connection = AMQPConnection(url: url, heartbeatSeconds: Int32(max(1, heartbeat.components.seconds)))
        var backoff = Backoff()
        let (queue, prefetch, topology) = (self.queue, self.prefetch, self.topology)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await connection.perform { connection in
                    try connection.openSync(topology: topology, confirms: false)
                    try connection.consumeSync(queue: queue, prefetch: prefetch)
                }
                logger.info("consuming", metadata: ["queue": "\(queue)"])
                backoff.reset()
                try await consume(on: connection)
            } catch {
                guard !Task.isShuttingDownGracefully, !Task.isCancelled else { break }
                let delay = backoff.next()
                logger.warning("broker connection lost; reconnecting", metadata: ["queue": "\(queue)", "error": "\(error)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
        await connection.shutdown()
    }

    private func consume(on connection: AMQPConnection) async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            guard let delivery = try await connection.perform({ try $0.nextDeliverySync(timeoutMilliseconds: 250) }) else {
                continue
            }
            let message = Message(routingKey: delivery.routingKey, messageId: delivery.messageId, redelivered: delivery.redelivered, body: delivery.body)
            let disposition = await handler(message)
            let tag = delivery.deliveryTag
            if case .ackThen(let followUp) = disposition {
                // Stopped before the ack, so no delivery can come while the follow-up runs (with a prefetch of
                // 1 none is on its way). The follow-up runs even if the connection fails here: the handler has
                // taken the work on (a claimed run), and the delivery, if not acknowledged, is simply redelivered.
                do {
                    try await connection.perform { connection in
                        try connection.cancelConsumingSync()
                        try connection.ackSync(tag)
                    }
                } catch {
                    await followUp()
                    throw error
                }
                try await keepingAlive(connection, during: followUp)
                // Stopping: consuming again would only take a delivery to hand back.
                guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
                let (queue, prefetch) = (self.queue, self.prefetch)
                try await connection.perform { try $0.consumeSync(queue: queue, prefetch: prefetch) }
                continue
            }
            try await connection.perform { connection in
                switch disposition {
                case .ack, .ackThen: try connection.ackSync(tag)
                case .requeue: try connection.rejectSync(tag, requeue: true)
                case .reject: try connection.rejectSync(tag, requeue: false)
                }
            }
        }
    }

    /// Runs `followUp` to its end while the connection answers heartbeats; then throws if the connection was
    /// lost meanwhile (the follow-up is never interrupted for it).
    private func keepingAlive(_ connection: AMQPConnection, during followUp: @Sendable () async -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await connection.perform { try $0.idleSync(timeoutMilliseconds: 250) }
                    } catch is CancellationError {
                        // Cancelled (the follow-up ended) before its turn on the connection's thread: it did not run.
                        return
                    }
                }
            }
            await followUp()
            group.cancelAll()
            try await group.waitForAll()
        }
    }
}
