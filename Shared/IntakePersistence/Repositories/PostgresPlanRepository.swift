import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// Plans and their immutable versions.
public struct PostgresPlanRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Creates a plan at version 1.
    public func create(accountId: UUID, spec: PlanSpec) async throws -> PlanRecord {
        let record = PlanRecord(id: UUID(), version: 1, spec: spec, createdFromRun: nil, createdAt: Date())
        let json = try JSONText.encode(spec)
        try await client.transaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO plans (id, account_id, name, current_version, created_at, updated_at)
                VALUES (\(record.id), \(accountId), \(spec.name), 1, \(record.createdAt), \(record.createdAt))
                """,
                logger: logger
            )
            try await connection.query(
                "INSERT INTO plan_versions (plan_id, version, spec, created_at) VALUES (\(record.id), 1, \(json)::jsonb, \(record.createdAt))",
                logger: logger
            )
        }
        return record
    }

    /// The plan's current version, or nil when absent or owned by another account.
    public func findCurrent(id: UUID, accountId: UUID) async throws -> PlanRecord? {
        try await select(
            """
            SELECT v.plan_id, v.version, v.spec::text, v.created_from_run, v.created_at
            FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
            WHERE p.id = \(id) AND p.account_id = \(accountId)
            """
        ).first
    }

    /// Every version of an account's plan, oldest first (empty when absent or foreign).
    public func versions(id: UUID, accountId: UUID) async throws -> [PlanRecord] {
        try await select(
            """
            SELECT v.plan_id, v.version, v.spec::text, v.created_from_run, v.created_at
            FROM plans p JOIN plan_versions v ON v.plan_id = p.id
            WHERE p.id = \(id) AND p.account_id = \(accountId) ORDER BY v.version
            """
        )
    }

    /// One version by number, without an account check (the worker's view).
    public func find(id: UUID, version: Int) async throws -> PlanRecord? {
        try await select(
            """
            SELECT plan_id, version, spec::text, created_from_run, created_at
            FROM plan_versions WHERE plan_id = \(id) AND version = \(version)
            """
        ).first
    }

    private func select(_ query: PostgresQuery) async throws -> [PlanRecord] {
        var records: [PlanRecord] = []
        let rows = try await client.query(query, logger: logger).decode((UUID, Int, String, UUID?, Date).self)
        for try await (id, version, spec, fromRun, createdAt) in rows {
            records.append(PlanRecord(id: id, version: version, spec: try JSONText.decode(PlanSpec.self, from: spec), createdFromRun: fromRun, createdAt: createdAt))
        }
        return records
    }
}
