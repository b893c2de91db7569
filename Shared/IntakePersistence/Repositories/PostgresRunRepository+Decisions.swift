import Foundation
import IntakeDomain
import Logging
import PostgresNIO

extension PostgresRunRepository {
    /// A paused run and the plan version it ran with, read under a row lock for a decision.
    public struct PendingDecision: Sendable {
        public let run: RunRecord
        public let plan: PlanSpec
    }

    /// What approving a paused run changes: the next plan version, the header mappings to remember for the
    /// account, and whether the re-run accepts rows that still fail (the patch said `drop_invalid_rows`).
    public struct Revision: Sendable {
        /// One approved header → column mapping (`headerKey` normalised).
        public struct RememberedHeader: Sendable, Equatable {
            public var templateId: UUID
            public var headerKey: String
            public var columnKey: String

            public init(templateId: UUID, headerKey: String, columnKey: String) {
                self.templateId = templateId
                self.headerKey = headerKey
                self.columnKey = columnKey
            }
        }

        public var plan: PlanSpec
        public var remember: [RememberedHeader]
        public var acceptInvalidRows: Bool

        public init(plan: PlanSpec, remember: [RememberedHeader], acceptInvalidRows: Bool) {
            self.plan = plan
            self.remember = remember
            self.acceptInvalidRows = acceptInvalidRows
        }
    }

    /// Decides a run paused at `needs_attention`, atomically:
    /// - reject: the run completes as it is, invalid rows flagged;
    /// - approve with a new plan: `revise` turns the paused run and its plan into version N+1, which is stored
    ///   (remembering the run it came from) and becomes the plan's current version; the run is re-queued with it;
    /// - approve without a plan change (`revise` returns nil): the run completes as it is.
    /// Throws `InvalidTransition` unless the run is `needs_attention`; nil when the run does not exist.
    public func decide(
        id: UUID,
        companyId: UUID,
        approve: Bool,
        revise: @Sendable (PendingDecision) throws -> Revision?
    ) async throws -> RunRecord? {
        try await client.transaction(logger: logger) { connection in
            guard let run = try await Self.decodeFirst(connection.query(
                "SELECT \(unescaped: Self.columns.sql) FROM runs WHERE id = \(id) AND company_id = \(companyId) FOR UPDATE",
                logger: logger
            )) else { return nil }
            guard run.status == .needsAttention else { throw InvalidTransition(current: run.status) }
            let planRows = try await connection.query(
                "SELECT spec::text FROM plan_versions WHERE plan_id = \(run.planId) AND version = \(run.planVersion)", logger: logger
            ).decode(String.self)
            var specText: String?
            for try await text in planRows { specText = text }
            let plan = try JSONText.decode(PlanSpec.self, from: specText ?? "{}")
            let revised = approve ? try revise(PendingDecision(run: run, plan: plan)) : nil
            let rows: PostgresRowSequence
            if let revised {
                let version = try await connection.query(
                    "UPDATE plans SET current_version = current_version + 1, updated_at = now() WHERE id = \(run.planId) RETURNING current_version",
                    logger: logger
                ).decode(Int.self).first { _ in true } ?? run.planVersion + 1
                try await connection.query(
                    """
                    INSERT INTO plan_versions (plan_id, version, spec, created_from_run)
                    VALUES (\(run.planId), \(version), \(try JSONText.encode(revised.plan))::jsonb, \(run.id))
                    """,
                    logger: logger
                )
                for entry in revised.remember {
                    try await connection.query(
                        """
                        INSERT INTO column_memory (account_id, template_id, header_key, column_key, approved_from_run)
                        VALUES (\(run.accountId), \(entry.templateId), \(entry.headerKey), \(entry.columnKey), \(run.id))
                        ON CONFLICT (account_id, template_id, header_key)
                        DO UPDATE SET column_key = EXCLUDED.column_key, approved_from_run = EXCLUDED.approved_from_run, updated_at = now()
                        """,
                        logger: logger
                    )
                }
                let review = revised.acceptInvalidRows ? ReviewMode.report.rawValue : run.review.rawValue
                rows = try await connection.query(
                    """
                    UPDATE runs SET status = 'queued', plan_version = \(version), needs_attention = NULL, updated_at = now(), review = \(review),
                        progress = '{"phase": "queued", "rows_processed": 0}'
                    WHERE id = \(id) RETURNING \(unescaped: Self.columns.sql)
                    """,
                    logger: logger
                )
            } else {
                rows = try await connection.query(
                    """
                    UPDATE runs SET status = 'completed', finished_at = now(), updated_at = now(),
                        progress = progress || '{"phase": "completed"}'
                    WHERE id = \(id) RETURNING \(unescaped: Self.columns.sql)
                    """,
                    logger: logger
                )
            }
            let decided = try await Self.decodeFirst(rows)!
            let detail = approve ? #"{"decision": "approve"}"# : #"{"decision": "reject"}"#
            try await Self.recordTransition(of: decided, from: .needsAttention, detail: detail, on: connection, logger: logger)
            return decided
        }
    }
}
