import Foundation
import Logging
import PostgresNIO

/// Companies, scoped to the owning account.
public struct PostgresCompanyRepository: Sendable {
    /// Another company of the account already has this external id.
    public struct DuplicateExternalID: Error {}

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func create(accountId: UUID, name: String, externalId: String?, planId: UUID) async throws -> CompanyRecord {
        let record = CompanyRecord(id: UUID(), accountId: accountId, name: name, externalId: externalId, planId: planId, createdAt: Date())
        do {
            try await client.query(
                """
                INSERT INTO companies (id, account_id, name, external_id, plan_id, created_at)
                VALUES (\(record.id), \(accountId), \(name), \(externalId), \(planId), \(record.createdAt))
                """,
                logger: logger
            )
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DuplicateExternalID()
        }
        return record
    }

    /// The company, or nil when absent or owned by another account.
    public func find(id: UUID, accountId: UUID) async throws -> CompanyRecord? {
        try await select(
            "SELECT id, account_id, name, external_id, plan_id, created_at FROM companies WHERE id = \(id) AND account_id = \(accountId)"
        ).first
    }

    /// A page of the account's companies in creation order, after the cursor company when given.
    public func list(accountId: UUID, after cursor: UUID?, limit: Int) async throws -> [CompanyRecord] {
        if let cursor {
            return try await select(
                """
                SELECT c.id, c.account_id, c.name, c.external_id, c.plan_id, c.created_at FROM companies c
                JOIN companies k ON k.id = \(cursor) AND k.account_id = \(accountId)
                WHERE c.account_id = \(accountId) AND (c.created_at, c.id) > (k.created_at, k.id)
                ORDER BY c.created_at, c.id LIMIT \(limit)
                """
            )
        }
        return try await select(
            """
            SELECT id, account_id, name, external_id, plan_id, created_at FROM companies
            WHERE account_id = \(accountId) ORDER BY created_at, id LIMIT \(limit)
            """
        )
    }

    private func select(_ query: PostgresQuery) async throws -> [CompanyRecord] {
        var records: [CompanyRecord] = []
        let rows = try await client.query(query, logger: logger).decode((UUID, UUID, String, String?, UUID, Date).self)
        for try await (id, accountId, name, externalId, planId, createdAt) in rows {
            records.append(CompanyRecord(id: id, accountId: accountId, name: name, externalId: externalId, planId: planId, createdAt: createdAt))
        }
        return records
    }
}
