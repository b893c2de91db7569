import Foundation
import IntakeDomain
import Logging
import PostgresNIO

extension PostgresRunRepository {
    /// Why a run could not change as asked.
    public struct InvalidTransition: Error, Equatable {
        public let current: RunStatus

        public init(current: RunStatus) {
            self.current = current
        }
    }

    /// Cancels a queued, running or paused run; a running worker notices at its next heartbeat or when it
    /// tries to write its result, and writes nothing. Throws `InvalidTransition` for a finished run.
    public func cancel(id: UUID, companyId: UUID) async throws -> RunRecord? {
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE runs SET status = 'canceled', finished_at = now(), updated_at = now(),
                    lease_owner = NULL, lease_expires_at = NULL, progress = progress || '{"phase": "canceled"}'
                WHERE id = \(id) AND company_id = \(companyId) AND status IN ('queued', 'running', 'needs_attention')
                RETURNING \(unescaped: Self.columns.sql)
                """,
                logger: logger
            )
            if let run = try await Self.decodeFirst(rows) {
                try await Self.recordTransition(of: run, from: nil, detail: #"{"reason": "canceled by client"}"#, on: connection, logger: logger)
                return run
            }
            guard let existing = try await Self.decodeFirst(connection.query(
                "SELECT \(unescaped: Self.columns.sql) FROM runs WHERE id = \(id) AND company_id = \(companyId)", logger: logger
            )) else { return nil }
            throw InvalidTransition(current: existing.status)
        }
    }
}
