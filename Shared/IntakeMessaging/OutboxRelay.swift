import Foundation
import IntakePersistence
import Logging
import PostgresNIO
import ServiceLifecycle

/// Publishes outbox rows to the broker and marks them sent; a `Service` in every producing process. Rows sent
/// more than `retention` ago are deleted (hourly), so the table holds days of messages, not all of them.
///
/// Safe with many replicas: each batch is claimed with `FOR UPDATE SKIP LOCKED` and marked sent in the
/// same transaction after the broker confirmed it. Woken by `LISTEN intake_outbox`, polling as the fallback.
/// A broker outage leaves rows unsent (and retried with backoff); it never loses one.
public struct OutboxRelay: Service {
    let client: PostgresClient
    let publisher: RabbitMQPublisher
    let logger: Logger
    let batchSize: Int
    let pollInterval: Duration
    /// How long a sent row is kept (for tracing a message) before it is deleted.
    let retention: Duration

    public init(
        client: PostgresClient, publisher: RabbitMQPublisher, logger: Logger, batchSize: Int = 500, pollInterval: Duration = .seconds(1),
        retention: Duration = .seconds(7 * 86_400)
    ) {
        self.client = client
        self.publisher = publisher
        self.logger = logger
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.retention = retention
    }

    public func run() async throws {
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wake.yield()
        await withDiscardingTaskGroup { group in
            group.addTask { await listen(wake: wake) }
            group.addTask { await tick(wake: wake) }
            group.addTask { await relayLoop(wakeups: wakeups) }
            group.addTask { await pruneLoop() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await publisher.shutdown()
    }

    private func relayLoop(wakeups: AsyncStream<Void>) async {
        var backoff = Backoff()
        for await _ in wakeups {
            while !Task.isCancelled {
                do {
                    let published = try await relayBatch()
                    backoff.reset()
                    if published < batchSize { break }
                } catch {
                    guard !Task.isCancelled else { return }
                    let delay = backoff.next()
                    logger.warning("outbox relay failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                    try? await Task.sleep(for: delay)
                }
            }
        }
    }

    /// The polling fallback: a wake-up every `pollInterval`, in case a notification was missed.
    private func tick(wake: AsyncStream<Void>.Continuation) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            wake.yield()
        }
    }

    /// Publishes one batch of unsent rows; returns how many it published.
    func relayBatch() async throws -> Int {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT id, message_id, exchange, routing_key, payload::text FROM outbox
                WHERE sent_at IS NULL ORDER BY id LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
                """,
                logger: logger
            )
            var ids: [Int64] = []
            var messages: [RabbitMQPublisher.Message] = []
            for try await (id, messageId, exchange, routingKey, payload) in rows.decode((Int64, UUID, String, String, String).self) {
                ids.append(id)
                messages.append(.init(exchange: exchange, routingKey: routingKey, messageId: messageId.uuidString.lowercased(), body: Array(payload.utf8)))
            }
            guard !messages.isEmpty else { return 0 }
            do {
                try await publisher.publish(messages)
            } catch {
                try await connection.query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = \(String(describing: error)) WHERE id = ANY(\(ids))",
                    logger: logger
                )
                throw error
            }
            try await connection.query("UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY(\(ids))", logger: logger)
            logger.debug("outbox published", metadata: ["count": "\(ids.count)"])
            return ids.count
        }
    }

    /// Deletes the rows sent more than `retention` ago, now and then every hour. Every relay does (a row deleted
    /// twice is deleted once); a failure waits for the next hour.
    private func pruneLoop() async {
        while !Task.isCancelled {
            do {
                let deleted = try await prune()
                if deleted > 0 { logger.debug("outbox pruned", metadata: ["count": "\(deleted)"]) }
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("outbox prune failed; retrying in an hour", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(3_600))
        }
    }

    /// Deletes the rows sent more than `retention` ago (never an unsent one); returns how many.
    func prune() async throws -> Int {
        let rows = try await client.query(
            """
            WITH pruned AS (
                DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => \(Double(retention.components.seconds))) RETURNING 1
            )
            SELECT count(*)::int FROM pruned
            """,
            logger: logger
        )
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// Holds a LISTEN connection and turns notifications into wake-ups; re-listens after a failure.
    private func listen(wake: AsyncStream<Void>.Continuation) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: "intake_outbox") { notifications in
                        wake.yield()
                        for try await _ in notifications { wake.yield() }
                    }
                }
            } catch {
                guard !Task.isCancelled else { return }
                try? await Task.sleep(for: pollInterval)
            }
        }
    }
}
