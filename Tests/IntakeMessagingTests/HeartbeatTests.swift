import Foundation
@testable import IntakeMessaging
import IntakeTestSupport
import Logging
import Synchronization
import Testing

/// Consumers keep AMQP heartbeats (2 s here): a connection gone silent is given up and made again, and a
/// long follow-up does not lose a healthy one.
@Suite struct HeartbeatTests {
    let logger = Logger(label: "heartbeat-test")

    /// A new vhost's address, the same through a new proxy, and the proxy.
    static func proxiedVhost() async throws -> (direct: AMQPURL, proxied: AMQPURL, proxy: FreezingProxy) {
        let direct = try AMQPURL(try await TestBroker.createVhost())
        let proxy = try FreezingProxy(upstreamPort: direct.port)
        var proxied = direct
        proxied.port = proxy.port
        return (direct, proxied, proxy)
    }

    /// The consumer's connection freezes on the way (neither end hears from the other, neither socket
    /// closes): without heartbeats the consumer waited for deliveries on it for ever, and the broker kept the
    /// next message on it, delivered and unacknowledged.
    @Test func aConsumerWhoseConnectionGoesSilentConnectsAgain() async throws {
        let (direct, proxied, proxy) = try await Self.proxiedVhost()
        defer { proxy.stop() }
        let publisher = RabbitMQPublisher(url: direct, logger: logger)
        let inbox = MessagingTests.Inbox()
        let consumer = RabbitMQConsumer(url: proxied, queue: Topology.lifecycleQueue, heartbeat: .seconds(2), logger: logger) { message in
            inbox.messages.withLock { $0.append(message) }
            return .ack
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            try await publisher.publish([.init(exchange: "intake.runs", routingKey: "run.queued", messageId: "before", body: Array("{}".utf8))])
            #expect(try await inbox.waitFor(1).map(\.messageId) == ["before"])
            try await proxy.freezeAll()
            try await publisher.publish([.init(exchange: "intake.runs", routingKey: "run.queued", messageId: "after", body: Array("{}".utf8))])
            #expect(try await inbox.waitFor(2, seconds: 20).map(\.messageId) == ["before", "after"])
            #expect(proxy.connectionCount >= 2, "the consumer connected again")
            group.cancelAll()
        }
        await publisher.shutdown()
    }

    /// A follow-up longer than several heartbeat intervals (an import) keeps the connection: the consumer
    /// pauses and answers heartbeats meanwhile, then takes the next delivery on the same connection.
    @Test func aLongFollowUpKeepsTheConsumersConnection() async throws {
        let (direct, proxied, proxy) = try await Self.proxiedVhost()
        defer { proxy.stop() }
        let publisher = RabbitMQPublisher(url: direct, logger: logger)
        let inbox = MessagingTests.Inbox()
        let followUps = Atomic(0)
        let consumer = RabbitMQConsumer(url: proxied, queue: Topology.workQueue, heartbeat: .seconds(2), logger: logger) { message in
            inbox.messages.withLock { $0.append(message) }
            return .ackThen {
                try? await Task.sleep(for: .seconds(8))
                followUps.add(1, ordering: .relaxed)
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            try await publisher.publish([
                .init(exchange: "intake.runs", routingKey: "run.queued", messageId: "first", body: Array("{}".utf8)),
                .init(exchange: "intake.runs", routingKey: "run.queued", messageId: "second", body: Array("{}".utf8)),
            ])
            #expect(try await inbox.waitFor(1).map(\.messageId) == ["first"])
            // Counted once consuming (a first attempt on a queue just declared can meet a transient broker error).
            let connections = proxy.connectionCount
            let received = try await inbox.waitFor(2, seconds: 30)
            #expect(received.map(\.messageId) == ["first", "second"])
            #expect(received.map(\.redelivered) == [false, false], "nothing was delivered twice")
            #expect(followUps.load(ordering: .relaxed) >= 1)
            #expect(proxy.connectionCount == connections, "the same connection throughout the follow-up")
            group.cancelAll()
        }
        await publisher.shutdown()
    }
}
