import Crypto
import Foundation
import Logging
import PostgresNIO

/// The default blob store: bytes in Postgres as 1 MiB chunks, so workers on any machine can read them.
public struct PostgresBlobStore: Sendable {
    /// A stored blob's identity, size and digest.
    public struct Blob: Sendable, Equatable {
        public var id: UUID
        public var size: Int
        public var sha256: String
    }

    public static let chunkSize = 1 << 20

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Stores `bytes` on a connection inside the caller's transaction.
    public static func write(_ bytes: [UInt8], on connection: PostgresConnection, logger: Logger) async throws -> Blob {
        let blob = Blob(id: UUID(), size: bytes.count, sha256: SHA256.hash(data: bytes).hexDigest)
        try await connection.query(
            "INSERT INTO blobs (id, size, sha256) VALUES (\(blob.id), \(Int64(blob.size)), \(blob.sha256))",
            logger: logger
        )
        var sequence = 0
        var offset = 0
        repeat {
            let end = min(offset + chunkSize, bytes.count)
            let chunk = ByteBuffer(bytes: bytes[offset..<end])
            try await connection.query(
                "INSERT INTO blob_chunks (blob_id, seq, data) VALUES (\(blob.id), \(sequence), \(chunk))",
                logger: logger
            )
            sequence += 1
            offset = end
        } while offset < bytes.count
        return blob
    }

    /// Reads a whole blob; nil when it does not exist.
    public func read(id: UUID) async throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var found = false
        for try await chunk in try await client.query(
            "SELECT data FROM blob_chunks WHERE blob_id = \(id) ORDER BY seq", logger: logger
        ).decode(ByteBuffer.self) {
            found = true
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return found ? bytes : nil
    }
}

extension Digest {
    /// Lower-case hex of the digest bytes.
    var hexDigest: String { map { String(format: "%02x", $0) }.joined() }
}
