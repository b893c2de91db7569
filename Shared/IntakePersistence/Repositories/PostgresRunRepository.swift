import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// Runs and their lifecycle: every status change writes a run event and an outbox message in one transaction,
/// and is guarded by the status it expects, so redelivered messages and racing workers change nothing twice.
public struct PostgresRunRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static let columns: PostgresQuery = """
        id, account_id, company_id, plan_id, plan_version, status, review, input::text, idempotency_key,
        request_hash, attempt, progress::text, healing::text, report::text, error::text, created_at, updated_at, finished_at,
        needs_attention::text
        """

    /// Queues a new run, or returns the run an identical earlier request created (`replayed`).
    public func create(_ new: NewRun) async throws -> (run: RunRecord, replayed: Bool) {
        if let existing = try await findByIdempotencyKey(new) { return (existing, true) }
        do {
            let run = try await client.transaction(logger: logger) { connection in
                var input = new.input
                if let rows = new.inlineRows {
                    let blob = try await PostgresBlobStore.write(rows, on: connection, logger: logger)
                    input.rowsBlob = blob.id
                }
                let inputJSON = try JSONText.encode(input)
                let id = UUID()
                let rows = try await connection.query(
                    """
                    INSERT INTO runs (id, account_id, company_id, plan_id, plan_version, status, review, input,
                                      idempotency_key, request_hash)
                    VALUES (\(id), \(new.accountId), \(new.companyId), \(new.planId), \(new.planVersion), 'queued',
                            \(new.review.rawValue), \(inputJSON)::jsonb, \(new.idempotencyKey), \(new.requestHash))
                    RETURNING \(unescaped: Self.columns.sql)
                    """,
                    logger: logger
                )
                let run = try await Self.decodeFirst(rows)!
                try await Self.recordTransition(of: run, from: nil, on: connection, logger: logger)
                return run
            }
            return (run, false)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            let constraint = error.serverInfo?[.constraintName]
            if constraint == "runs_idempotency", let existing = try await findByIdempotencyKey(new) {
                return (existing, true)
            }
            if let active = try await activeRun(companyId: new.companyId) {
                throw RunConflict.activeRun(active)
            }
            throw error
        }
    }

    /// The run, or nil when absent or not the company's (the company is already scoped to the account).
    public func find(id: UUID, companyId: UUID) async throws -> RunRecord? {
        try await Self.decodeFirst(client.query(
            "SELECT \(unescaped: Self.columns.sql) FROM runs WHERE id = \(id) AND company_id = \(companyId)",
            logger: logger
        ))
    }

    /// The run when it belongs to this company of this account: one indexed lookup, for polling.
    public func find(id: UUID, companyId: UUID, accountId: UUID) async throws -> RunRecord? {
        try await Self.decodeFirst(client.query(
            "SELECT \(unescaped: Self.columns.sql) FROM runs WHERE id = \(id) AND company_id = \(companyId) AND account_id = \(accountId)",
            logger: logger
        ))
    }

    /// The run by id alone (the worker's and report service's view).
    public func find(id: UUID) async throws -> RunRecord? {
        try await Self.decodeFirst(client.query("SELECT \(unescaped: Self.columns.sql) FROM runs WHERE id = \(id)", logger: logger))
    }

    /// The company's newest completed run.
    public func latestCompleted(companyId: UUID) async throws -> RunRecord? {
        try await Self.decodeFirst(client.query(
            """
            SELECT \(unescaped: Self.columns.sql) FROM runs WHERE company_id = \(companyId) AND status = 'completed'
            ORDER BY finished_at DESC LIMIT 1
            """,
            logger: logger
        ))
    }

    /// The company's active run id, if any.
    public func activeRun(companyId: UUID) async throws -> UUID? {
        try await client.query(
            "SELECT id FROM runs WHERE company_id = \(companyId) AND status IN ('queued', 'running', 'needs_attention')",
            logger: logger
        ).decode(UUID.self).first { _ in true }
    }

    private func findByIdempotencyKey(_ new: NewRun) async throws -> RunRecord? {
        guard let key = new.idempotencyKey else { return nil }
        guard let run = try await Self.decodeFirst(client.query(
            "SELECT \(unescaped: Self.columns.sql) FROM runs WHERE company_id = \(new.companyId) AND idempotency_key = \(key)",
            logger: logger
        )) else { return nil }
        guard run.requestHash == new.requestHash else { throw RunConflict.idempotencyKeyReused }
        return run
    }

    /// Writes the run event and outbox message for `run`'s current status (inside the caller's transaction).
    static func recordTransition(of run: RunRecord, from previous: RunStatus?, detail: String? = nil, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO run_events (run_id, from_status, to_status, attempt, detail)
            VALUES (\(run.id), \(previous?.rawValue), \(run.status.rawValue), \(run.attempt), \(detail)::jsonb)
            """,
            logger: logger
        )
        try await Outbox.enqueue(run.message(), on: connection, logger: logger)
    }

    static func decodeFirst(_ rows: PostgresRowSequence) async throws -> RunRecord? {
        for try await row in rows { return try decode(row) }
        return nil
    }

    static func decode(_ row: PostgresRow) throws -> RunRecord {
        let (id, accountId, companyId, planId, planVersion, status, review, input, key, hash, attempt, progress, healing, report, error, createdAt, updatedAt, finishedAt, needsAttention) =
            try row.decode((UUID, UUID, UUID, UUID, Int, String, String, String, String?, String?, Int, String, String, String?, String?, Date, Date, Date?, String?).self)
        return RunRecord(
            id: id, accountId: accountId, companyId: companyId, planId: planId, planVersion: planVersion,
            status: RunStatus(rawValue: status) ?? .failed, review: ReviewMode(rawValue: review) ?? .gate,
            input: try JSONText.decode(RunInput.self, from: input), idempotencyKey: key, requestHash: hash,
            attempt: attempt, progress: try JSONText.decode(RunProgress.self, from: progress),
            healing: try JSONText.decode([HealingEvent].self, from: healing),
            report: try report.map { try JSONText.decode(RunReport.self, from: $0) },
            error: try error.map { try JSONText.decode(RunError.self, from: $0) },
            createdAt: createdAt, updatedAt: updatedAt, finishedAt: finishedAt,
            needsAttention: try needsAttention.map { try JSONText.decode(NeedsAttention.self, from: $0) }
        )
    }
}
