import Foundation
import Logging
import PostgresNIO

/// Upload handshakes and their single use.
public struct PostgresUploadRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static let columns = "ref, account_id, company_id, name, content_type, declared_size, stored_size, sha256, blob_id, state, expires_at"

    public func create(accountId: UUID, companyId: UUID, name: String, contentType: String, size: Int, expiresAt: Date) async throws -> UploadRecord {
        let record = UploadRecord(
            ref: UUID(), accountId: accountId, companyId: companyId, name: name, contentType: contentType,
            declaredSize: size, storedSize: nil, sha256: nil, blobId: nil, state: .pending, expiresAt: expiresAt
        )
        try await client.query(
            """
            INSERT INTO uploads (ref, account_id, company_id, name, content_type, declared_size, expires_at)
            VALUES (\(record.ref), \(accountId), \(companyId), \(name), \(contentType), \(Int64(size)), \(expiresAt))
            """,
            logger: logger
        )
        return record
    }

    public func find(ref: UUID) async throws -> UploadRecord? {
        try await select("SELECT \(unescaped: Self.columns) FROM uploads WHERE ref = \(ref)").first
    }

    /// Uploads of one company by ref (missing refs are absent from the result).
    public func find(refs: [UUID], companyId: UUID) async throws -> [UUID: UploadRecord] {
        let records = try await select("SELECT \(unescaped: Self.columns) FROM uploads WHERE ref = ANY(\(refs)) AND company_id = \(companyId)")
        return Dictionary(uniqueKeysWithValues: records.map { ($0.ref, $0) })
    }

    /// Uploads of any company of the account, by ref.
    public func find(refs: [UUID], accountId: UUID) async throws -> [UUID: UploadRecord] {
        let records = try await select("SELECT \(unescaped: Self.columns) FROM uploads WHERE ref = ANY(\(refs)) AND account_id = \(accountId)")
        return Dictionary(uniqueKeysWithValues: records.map { ($0.ref, $0) })
    }

    /// Takes a pending upload for receiving; nil when it is already being received or stored (single use).
    public func beginReceiving(ref: UUID) async throws -> UploadRecord? {
        try await select("UPDATE uploads SET state = 'receiving' WHERE ref = \(ref) AND state = 'pending' RETURNING \(unescaped: Self.columns)").first
    }

    /// Returns a failed upload to pending so the same URL can be retried until it expires.
    public func abandonReceiving(ref: UUID) async throws {
        try await client.query("UPDATE uploads SET state = 'pending' WHERE ref = \(ref) AND state = 'receiving'", logger: logger)
    }

    /// Records the stored blob and closes the upload.
    public func markStored(ref: UUID, blob: PostgresBlobStore.Blob) async throws {
        try await client.query(
            """
            UPDATE uploads SET state = 'stored', stored_size = \(Int64(blob.size)), sha256 = \(blob.sha256),
                blob_id = \(blob.id), stored_at = now()
            WHERE ref = \(ref) AND state = 'receiving'
            """,
            logger: logger
        )
    }

    private func select(_ query: PostgresQuery) async throws -> [UploadRecord] {
        var records: [UploadRecord] = []
        let rows = try await client.query(query, logger: logger)
            .decode((UUID, UUID, UUID, String, String, Int64, Int64?, String?, UUID?, String, Date).self)
        for try await (ref, account, company, name, type, declared, stored, sha, blob, state, expires) in rows {
            records.append(UploadRecord(
                ref: ref, accountId: account, companyId: company, name: name, contentType: type,
                declaredSize: Int(declared), storedSize: stored.map(Int.init), sha256: sha, blobId: blob,
                state: UploadRecord.State(rawValue: state) ?? .pending, expiresAt: expires
            ))
        }
        return records
    }
}
