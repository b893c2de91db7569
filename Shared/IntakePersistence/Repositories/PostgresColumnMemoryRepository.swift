import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// Header → column mappings approved for an account, per template.
public struct PostgresColumnMemoryRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Per template id (lower-case text): normalised header → column key.
    public func memory(accountId: UUID, templateIds: [UUID]) async throws -> [String: [String: String]] {
        let rows = try await client.query(
            """
            SELECT template_id, header_key, column_key FROM column_memory
            WHERE account_id = \(accountId) AND template_id = ANY(\(templateIds))
            """,
            logger: logger
        )
        var memory: [String: [String: String]] = [:]
        for try await (templateId, header, column) in rows.decode((UUID, String, String).self) {
            memory[templateId.uuidString.lowercased(), default: [:]][header] = column
        }
        return memory
    }
}
