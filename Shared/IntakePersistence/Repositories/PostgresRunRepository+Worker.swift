import Foundation
import IntakeDomain
import Logging
import PostgresNIO

extension PostgresRunRepository {
    /// Takes a queued run for this worker under a lease; nil when the run is not queued (already taken,
    /// finished or canceled), which makes redelivered messages harmless.
    public func claim(id: UUID, owner: String, lease: Duration) async throws -> RunRecord? {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE runs SET status = 'running', attempt = attempt + 1, lease_owner = \(owner),
                    lease_expires_at = now() + make_interval(secs => \(Double(lease.components.seconds))),
                    started_at = coalesce(started_at, now()), updated_at = now(),
                    progress = '{"phase": "starting", "rows_processed": 0}'
                WHERE id = \(id) AND status = 'queued'
                RETURNING \(unescaped: Self.columns.sql)
                """,
                logger: logger
            )
            guard let run = try await Self.decodeFirst(rows) else { return nil }
            try await Self.recordTransition(of: run, from: .queued, detail: try JSONText.encode(["worker": owner]), on: connection, logger: logger)
            return run
        }
    }

    /// Extends the lease and records progress; false when this worker no longer owns the run.
    public func heartbeat(id: UUID, owner: String, lease: Duration, progress: RunProgress) async throws -> Bool {
        let json = try JSONText.encode(progress)
        let rows = try await client.query(
            """
            UPDATE runs SET lease_expires_at = now() + make_interval(secs => \(Double(lease.components.seconds))),
                progress = \(json)::jsonb, updated_at = now()
            WHERE id = \(id) AND status = 'running' AND lease_owner = \(owner)
            RETURNING id
            """,
            logger: logger
        )
        for try await _ in rows { return true }
        return false
    }

    /// Writes a run attempt's result atomically: rows and cells through `write`, then the final status,
    /// its event and outbox message. Throws `LeaseLost` (and writes nothing) when the run is no longer ours.
    ///
    /// Ownership is checked at the start and again by the final update, never held as a row lock: a lock on
    /// the run for the whole import would block the heartbeat that renews the lease and reports progress, and
    /// a client's cancel, until the import ended.
    public func finish(
        id: UUID,
        owner: String,
        write: (RunResultWriter) async throws -> RunOutcome
    ) async throws -> RunRecord {
        try await client.transaction(logger: logger) { connection in
            let current = try await connection.query(
                "SELECT id FROM runs WHERE id = \(id) AND status = 'running' AND lease_owner = \(owner)",
                logger: logger
            )
            var owned = false
            for try await _ in current { owned = true }
            guard owned else { throw LeaseLost(runId: id) }
            try await connection.query("DELETE FROM sheet_row_blocks WHERE run_id = \(id)", logger: logger)
            try await connection.query("DELETE FROM invalid_cells WHERE run_id = \(id)", logger: logger)
            let outcome = try await write(RunResultWriter(connection: connection, runId: id, logger: logger))
            let rows: PostgresRowSequence
            switch outcome {
            case .completed(let report, let healing):
                rows = try await connection.query(
                    """
                    UPDATE runs SET status = 'completed', report = \(try JSONText.encode(report))::jsonb,
                        healing = \(try JSONText.encode(healing))::jsonb, finished_at = now(), updated_at = now(),
                        lease_owner = NULL, lease_expires_at = NULL,
                        progress = jsonb_build_object('phase', 'completed', 'rows_processed', \(report.sheets.reduce(0) { $0 + $1.rows }))
                    WHERE id = \(id) AND status = 'running' AND lease_owner = \(owner) RETURNING \(unescaped: Self.columns.sql)
                    """,
                    logger: logger
                )
            case .needsAttention(let report, let healing, let attention):
                rows = try await connection.query(
                    """
                    UPDATE runs SET status = 'needs_attention', report = \(try JSONText.encode(report))::jsonb,
                        healing = \(try JSONText.encode(healing))::jsonb, needs_attention = \(try JSONText.encode(attention))::jsonb,
                        updated_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                        progress = jsonb_build_object('phase', 'needs_attention', 'rows_processed', \(report.sheets.reduce(0) { $0 + $1.rows }))
                    WHERE id = \(id) AND status = 'running' AND lease_owner = \(owner) RETURNING \(unescaped: Self.columns.sql)
                    """,
                    logger: logger
                )
            case .failed(let error):
                rows = try await connection.query(
                    """
                    UPDATE runs SET status = 'failed', error = \(try JSONText.encode(error))::jsonb, finished_at = now(),
                        updated_at = now(), lease_owner = NULL, lease_expires_at = NULL,
                        progress = progress || '{"phase": "failed"}'
                    WHERE id = \(id) AND status = 'running' AND lease_owner = \(owner) RETURNING \(unescaped: Self.columns.sql)
                    """,
                    logger: logger
                )
            }
            // Canceled, or taken over after the lease expired, while the rows were written: none of it is kept.
            guard let run = try await Self.decodeFirst(rows) else { throw LeaseLost(runId: id) }
            try await Self.recordTransition(of: run, from: .running, on: connection, logger: logger)
            return run
        }
    }

    /// Gives a run this worker holds back to the queue, uncharged: a worker that is stopping hands over a run
    /// it could not finish in its shutdown grace period, so another worker takes it at once (its `run.queued`
    /// message goes out through the outbox) instead of after the lease expires, and the attempt does not count
    /// towards `maxAttempts` — stopping a worker is not the run's fault. Call it once the attempt's result
    /// transaction is over (rolled back). Returns the queued run; nil when the run is no longer this worker's
    /// (it finished, was canceled, or its lease was taken over).
    public func handOver(id: UUID, owner: String) async throws -> RunRecord? {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE runs SET status = 'queued', attempt = greatest(attempt - 1, 0), lease_owner = NULL, lease_expires_at = NULL,
                    updated_at = now(), progress = jsonb_build_object('phase', 'requeued', 'rows_processed', 0)
                WHERE id = \(id) AND status = 'running' AND lease_owner = \(owner)
                RETURNING \(unescaped: Self.columns.sql)
                """,
                logger: logger
            )
            guard let run = try await Self.decodeFirst(rows) else { return nil }
            let detail = try JSONText.encode(["reason": "worker stopping", "worker": owner])
            try await Self.recordTransition(of: run, from: .running, detail: detail, on: connection, logger: logger)
            return run
        }
    }

    /// Announces again, to the workers only (`Outbox.queuedReminderKey`), the runs queued for longer than
    /// `after` since they were queued or last reminded; safe to call from every worker at once. Returns them.
    ///
    /// A run's `run.queued` message is its only way to a worker, and the broker can drop it: the work queue
    /// dead-letters a message returned five times (its claim failing while Postgres is away for a few seconds,
    /// say, or five workers stopping with it prefetched), and a broker that loses its data loses them all. Such
    /// a run would stay queued for ever, holding its company's one active run. A run still waiting its turn
    /// behind busy workers gets a duplicate message, which is harmless: the first claim wins, later copies are
    /// dropped.
    public func remindQueued(after: Duration) async throws -> [RunRecord] {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                WITH waiting AS (
                    SELECT id AS waiting_id FROM runs
                    WHERE status = 'queued' AND updated_at < now() - make_interval(secs => \(Double(after.components.seconds)))
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE runs r SET updated_at = now() FROM waiting WHERE r.id = waiting.waiting_id
                RETURNING \(unescaped: Self.columns.sql)
                """,
                logger: logger
            )
            var reminded: [RunRecord] = []
            for try await row in rows { reminded.append(try Self.decode(row)) }
            for run in reminded {
                try await Outbox.enqueue(run.message(), routingKey: Outbox.queuedReminderKey, on: connection, logger: logger)
            }
            return reminded
        }
    }

    /// Puts runs whose worker stopped renewing its lease back in the queue, or fails them after
    /// `maxAttempts`; safe to call from every worker at once. Returns the runs it changed.
    public func recoverExpiredLeases(maxAttempts: Int) async throws -> [RunRecord] {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                WITH expired AS (
                    SELECT id AS expired_id FROM runs WHERE status = 'running' AND lease_expires_at < now()
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE runs r SET
                    status = CASE WHEN r.attempt < \(maxAttempts) THEN 'queued' ELSE 'failed' END,
                    error = CASE WHEN r.attempt < \(maxAttempts) THEN NULL
                        ELSE '{"code": "worker_lost", "message": "the run was interrupted too many times"}'::jsonb END,
                    finished_at = CASE WHEN r.attempt < \(maxAttempts) THEN NULL ELSE now() END,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = now(),
                    progress = jsonb_build_object('phase', 'requeued', 'rows_processed', 0)
                FROM expired WHERE r.id = expired.expired_id
                RETURNING \(unescaped: Self.columns.sql)
                """,
                logger: logger
            )
            var recovered: [RunRecord] = []
            for try await row in rows { recovered.append(try Self.decode(row)) }
            for run in recovered {
                try await Self.recordTransition(of: run, from: .running, detail: #"{"reason": "lease expired"}"#, on: connection, logger: logger)
            }
            return recovered
        }
    }
}

/// The worker's lease on a run ended (it expired and another worker took over, or the run was canceled).
public struct LeaseLost: Error {
    public let runId: UUID

    public init(runId: UUID) {
        self.runId = runId
    }
}
