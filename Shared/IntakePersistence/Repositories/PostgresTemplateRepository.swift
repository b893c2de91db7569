import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// Templates, always scoped to the owning account.
public struct PostgresTemplateRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func create(accountId: UUID, name: String, columns: [TemplateColumn]) async throws -> Template {
        let template = Template(id: UUID(), name: name, columns: columns, createdAt: Date())
        let json = try JSONText.encode(columns)
        try await client.query(
            """
            INSERT INTO templates (id, account_id, name, columns, created_at)
            VALUES (\(template.id), \(accountId), \(name), \(json)::jsonb, \(template.createdAt))
            """,
            logger: logger
        )
        return template
    }

    /// The template, or nil when it does not exist or belongs to another account.
    public func find(id: UUID, accountId: UUID) async throws -> Template? {
        try await select(
            "SELECT id, name, columns::text, created_at FROM templates WHERE id = \(id) AND account_id = \(accountId)"
        ).first
    }

    /// Templates by id, regardless of account (the worker's view: ids come from a frozen plan).
    public func find(ids: [UUID]) async throws -> [UUID: Template] {
        let templates = try await select("SELECT id, name, columns::text, created_at FROM templates WHERE id = ANY(\(ids))")
        return Dictionary(uniqueKeysWithValues: templates.map { ($0.id, $0) })
    }

    public func list(accountId: UUID) async throws -> [Template] {
        try await select(
            "SELECT id, name, columns::text, created_at FROM templates WHERE account_id = \(accountId) ORDER BY created_at, id"
        )
    }

    private func select(_ query: PostgresQuery) async throws -> [Template] {
        var templates: [Template] = []
        for try await (id, name, columns, createdAt) in try await client.query(query, logger: logger).decode((UUID, String, String, Date).self) {
            templates.append(Template(id: id, name: name, columns: try JSONText.decode([TemplateColumn].self, from: columns), createdAt: createdAt))
        }
        return templates
    }
}
