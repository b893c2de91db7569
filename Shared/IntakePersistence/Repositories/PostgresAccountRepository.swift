import Foundation
import Logging
import PostgresNIO

/// Accounts and their API keys.
public struct PostgresAccountRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Creates an account with one API key; the plaintext key is returned once and never stored.
    public func createAccount(name: String) async throws -> (accountId: UUID, key: APIKey) {
        let accountId = UUID()
        let key = APIKey.generate()
        try await client.transaction(logger: logger) { connection in
            try await connection.query("INSERT INTO accounts (id, name) VALUES (\(accountId), \(name))", logger: logger)
            try await insertKey(key, accountId: accountId, on: connection)
        }
        return (accountId, key)
    }

    /// Adds another key to an existing account.
    public func createKey(accountId: UUID) async throws -> APIKey {
        let key = APIKey.generate()
        try await client.withConnection { connection in
            try await insertKey(key, accountId: accountId, on: connection)
        }
        return key
    }

    /// Revokes every live key starting with `prefix`; returns how many were revoked.
    public func revokeKeys(prefix: String) async throws -> Int {
        let rows = try await client.query(
            "UPDATE api_keys SET revoked_at = now() WHERE prefix = \(prefix) AND revoked_at IS NULL RETURNING id",
            logger: logger
        )
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    /// The account owning a live key, or nil for an unknown or revoked key.
    public func accountId(forKey key: APIKey) async throws -> UUID? {
        let digest = key.digest
        let rows = try await client.query(
            "SELECT account_id, digest FROM api_keys WHERE digest = \(Data(digest)) AND revoked_at IS NULL",
            logger: logger
        )
        for try await (accountId, stored) in rows.decode((UUID, Data).self) where APIKey.digestsEqual(Array(stored), digest) {
            return accountId
        }
        return nil
    }

    private func insertKey(_ key: APIKey, accountId: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO api_keys (id, account_id, prefix, digest) VALUES (\(UUID()), \(accountId), \(key.prefix), \(Data(key.digest)))",
            logger: logger
        )
    }
}
