import Foundation
import IntakeDomain
@testable import IntakeMessaging
import IntakePersistence
import IntakeTestSupport
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct MessagingTests {
    let logger = Logger(label: "messaging-test")

    /// Collects consumed messages until `count` arrived or the deadline passed.
    final class Inbox: Sendable {
        let messages = Mutex<[RabbitMQConsumer.Message]>([])

        func waitFor(_ count: Int, seconds: Double = 20) async throws -> [RabbitMQConsumer.Message] {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                let current = messages.withLock { $0 }
                if current.count >= count { return current }
                try await Task.sleep(for: .milliseconds(50))
            }
            return messages.withLock { $0 }
        }
    }

    @Test func publishedMessagesAreConfirmedRoutedAndConsumed() async throws {
        let url = try AMQPURL(try await TestBroker.createVhost())
        let publisher = RabbitMQPublisher(url: url, logger: logger)
        let inbox = Inbox()
        let consumer = RabbitMQConsumer(url: url, queue: Topology.lifecycleQueue, prefetch: 10, logger: logger) { message in
            inbox.messages.withLock { $0.append(message) }
            return .ack
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            let messages = (0..<50).map { index in
                RabbitMQPublisher.Message(exchange: "intake.runs", routingKey: index % 2 == 0 ? "run.queued" : "run.completed", messageId: "m\(index)", body: Array("{\"n\":\(index)}".utf8))
            }
            try await publisher.publish(messages)
            let received = try await inbox.waitFor(50)
            #expect(received.count == 50)
            #expect(Set(received.compactMap(\.messageId)) == Set(messages.map(\.messageId)))
            #expect(received.filter { $0.routingKey == "run.queued" }.count == 25)
            group.cancelAll()
        }
        await publisher.shutdown()
    }

    /// A reminder that a run is still queued reaches the workers' queue, and not the report service's lifecycle
    /// feed (where it would count as a transition). Published in order before a `run.completed`, it would reach
    /// the lifecycle queue first if it were routed there.
    @Test func aQueuedRunsReminderReachesTheWorkersOnly() async throws {
        let url = try AMQPURL(try await TestBroker.createVhost())
        let publisher = RabbitMQPublisher(url: url, logger: logger)
        let (work, lifecycle) = (Inbox(), Inbox())
        let consumers = [(Topology.workQueue, work), (Topology.lifecycleQueue, lifecycle)].map { queue, inbox in
            RabbitMQConsumer(url: url, queue: queue, prefetch: 10, logger: logger) { message in
                inbox.messages.withLock { $0.append(message) }
                return .ack
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for consumer in consumers { group.addTask { try await consumer.run() } }
            try await publisher.publish([
                .init(exchange: "intake.runs", routingKey: Outbox.queuedReminderKey, messageId: "reminder", body: Array("{}".utf8)),
                .init(exchange: "intake.runs", routingKey: "run.completed", messageId: "completed", body: Array("{}".utf8)),
                .init(exchange: "intake.runs", routingKey: "run.queued", messageId: "queued", body: Array("{}".utf8)),
            ])
            #expect(try await work.waitFor(2).map(\.messageId) == ["reminder", "queued"])
            #expect(try await lifecycle.waitFor(2).map(\.messageId) == ["completed", "queued"])
            group.cancelAll()
        }
        await publisher.shutdown()
    }

    @Test func requeuedDeliveriesComeBack() async throws {
        let url = try AMQPURL(try await TestBroker.createVhost())
        let publisher = RabbitMQPublisher(url: url, logger: logger)
        let inbox = Inbox()
        let consumer = RabbitMQConsumer(url: url, queue: Topology.workQueue, logger: logger) { message in
            let seen = inbox.messages.withLock { $0.append(message); return $0.count }
            return seen == 1 ? .requeue : .ack
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            try await publisher.publish([.init(exchange: "intake.runs", routingKey: "run.queued", messageId: "once", body: Array("{}".utf8))])
            let received = try await inbox.waitFor(2)
            #expect(received.map(\.messageId) == ["once", "once"])
            #expect(received.last?.redelivered == true)
            group.cancelAll()
        }
        await publisher.shutdown()
    }

    @Test func outboxRelayPublishesEveryRowOnceAndMarksItSent() async throws {
        let url = try AMQPURL(try await TestBroker.createVhost())
        let database = try await TestDatabase.create("intake_outbox")
        let inbox = Inbox()
        let consumer = RabbitMQConsumer(url: url, queue: Topology.lifecycleQueue, prefetch: 50, logger: logger) { message in
            inbox.messages.withLock { $0.append(message) }
            return .ack
        }
        try await database.withClient { client, logger in
            let relays = (0..<2).map { _ in
                OutboxRelay(client: client, publisher: RabbitMQPublisher(url: url, logger: logger), logger: logger, batchSize: 7, pollInterval: .milliseconds(200))
            }
            let messageIds = (0..<40).map { _ in UUID() }
            try await client.transaction(logger: logger) { connection in
                for id in messageIds {
                    let message = RunLifecycleMessage(messageId: id, runId: UUID(), companyId: UUID(), status: .completed, attempt: 1, planId: UUID(), planVersion: 1, occurredAt: Date())
                    try await Outbox.enqueue(message, on: connection, logger: logger)
                }
            }
            let group = ServiceGroup(services: relays.map { $0 as any Service } + [consumer], gracefulShutdownSignals: [], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let received = try await inbox.waitFor(40)
                #expect(Set(received.compactMap(\.messageId)) == Set(messageIds.map { $0.uuidString.lowercased() }))
                try await Task.sleep(for: .milliseconds(300))
                #expect(try await client.query("SELECT count(*)::int FROM outbox WHERE sent_at IS NULL").decode(Int.self).first { _ in true } == 0)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let received = inbox.messages.withLock { $0 }
            #expect(received.count == 40, "each row is published once while the broker stays up")
        }
    }

    /// Rows sent longer ago than the retention are deleted; rows sent since, and unsent rows however old, stay.
    @Test func sentOutboxRowsAreDeletedAfterTheRetention() async throws {
        // Pruning publishes nothing: the publisher never connects.
        let url = try AMQPURL("amqp://guest:guest@127.0.0.1:1/unused")
        let database = try await TestDatabase.create("intake_outbox")
        try await database.withClient { client, logger in
            let publisher = RabbitMQPublisher(url: url, logger: logger)
            let relay = OutboxRelay(client: client, publisher: publisher, logger: logger, retention: .seconds(3_600))
            try await client.transaction(logger: logger) { connection in
                for _ in 0..<6 {
                    let message = RunLifecycleMessage(messageId: UUID(), runId: UUID(), companyId: UUID(), status: .completed, attempt: 1, planId: UUID(), planVersion: 1, occurredAt: Date())
                    try await Outbox.enqueue(message, on: connection, logger: logger)
                }
            }
            // Two sent two hours ago, two sent a minute ago, two unsent (created two hours ago).
            try await client.query("UPDATE outbox SET created_at = now() - interval '2 hours'")
            try await client.query("UPDATE outbox SET sent_at = now() - interval '2 hours' WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 2)")
            try await client.query("UPDATE outbox SET sent_at = now() - interval '1 minute' WHERE id IN (SELECT id FROM outbox ORDER BY id OFFSET 2 LIMIT 2)")
            #expect(try await relay.prune() == 2)
            #expect(try await relay.prune() == 0)
            let left = try await client.query("SELECT count(*) FILTER (WHERE sent_at IS NULL)::int, count(*)::int FROM outbox").decode((Int, Int).self).first { _ in true }
            #expect(left?.0 == 2)
            #expect(left?.1 == 4)
            await publisher.shutdown()
        }
    }
}
