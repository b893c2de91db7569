import Foundation
@testable import IntakeMessaging
import IntakeTestSupport
import Logging
import Testing

/// When the broker closes a connection (here: its vhost does not exist), the client answers the close and
/// gives the connection up at once. It used to ask the broker to close the channel too and wait for a reply
/// that never comes: RabbitMQ drops such a socket only after 30 s, so every refused attempt took 30 s.
@Suite struct BrokerRefusalTests {
    let logger = Logger(label: "broker-refusal-test")

    @Test func aRefusedLoginIsReportedWithTheBrokersReason() async throws {
        let vhost = TestEnvironment.uniqueName("intake-missing")
        let connection = AMQPConnection(url: try AMQPURL(TestEnvironment.amqpURL(vhost: vhost)))
        // Bounded so that the old behaviour fails the test instead of passing late.
        let outcome = try await firstOf(seconds: 15) {
            do {
                try await connection.perform { try $0.openSync(topology: .intake, confirms: false) }
                return "opened"
            } catch {
                return "\(error)"
            }
        }
        await connection.shutdown()
        let message = try #require(outcome, "openSync was still waiting after 15 s")
        #expect(message.contains("530"))
        #expect(message.contains(vhost))
    }

    /// A consumer started before its vhost exists (a service up before the broker is provisioned) starts
    /// consuming within a few of its backoff steps once the vhost appears.
    @Test func aConsumerRefusedAtFirstConsumesOnceTheBrokerAcceptsIt() async throws {
        let vhost = TestEnvironment.uniqueName("intake-late")
        let url = try AMQPURL(TestEnvironment.amqpURL(vhost: vhost))
        let inbox = MessagingTests.Inbox()
        let consumer = RabbitMQConsumer(url: url, queue: Topology.lifecycleQueue, logger: logger) { message in
            inbox.messages.withLock { $0.append(message) }
            return .ack
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            try await Task.sleep(for: .seconds(1))
            try await TestBroker.createVhost(named: vhost)
            let publisher = RabbitMQPublisher(url: url, logger: logger)
            try await publisher.publish([.init(exchange: "intake.runs", routingKey: "run.completed", messageId: "late", body: Array("{}".utf8))])
            #expect(try await inbox.waitFor(1, seconds: 15).map(\.messageId) == ["late"])
            await publisher.shutdown()
            group.cancelAll()
        }
    }

    /// `body`'s result, or nil when it has not finished within `seconds`.
    private func firstOf<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
