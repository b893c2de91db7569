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

    /// A blob's size in bytes; nil when it does not exist.
    public func size(id: UUID) async throws -> Int? {
        for try await size in try await client.query("SELECT size FROM blobs WHERE id = \(id)", logger: logger).decode(Int64.self) {
            return Int(size)
        }
        return nil
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

extension PostgresBlobStore {
    /// The body held more or fewer bytes than declared; nothing was kept.
    public struct SizeMismatch: Error, Equatable {
        public let declared: Int
        /// Bytes received, or nil when the body overran the declared size (reading stopped there).
        public let received: Int?
    }

    /// Chunk inserts of one upload running at once, each on its own pooled connection. Storing a chunk
    /// costs Postgres more CPU (LZ4 compression, mostly) than receiving it costs this service, so with one
    /// insert at a time an upload ran at the speed of one database core while the others idled.
    public static let insertsInFlight = 3

    /// Streams `body` into a new blob in 1 MiB chunks, hashing as it goes; memory stays at
    /// `insertsInFlight + 1` chunks. Throws `SizeMismatch` (deleting what was written) unless exactly
    /// `expectedSize` bytes arrive.
    public func store<Body: AsyncSequence>(_ body: Body, expectedSize: Int) async throws -> Blob where Body.Element == ByteBuffer {
        let id = UUID()
        try await client.query("INSERT INTO blobs (id, size, sha256) VALUES (\(id), 0, '')", logger: logger)
        do {
            var hasher = SHA256()
            var pending = ByteBuffer()
            pending.reserveCapacity(Self.chunkSize)
            var total = 0
            var sequence = 0
            // Chunks are inserted while the next is received (at most `insertsInFlight` inserts at once, so
            // memory stays bounded); a failure cancels and awaits the inserts in flight before the blob is
            // deleted.
            try await withThrowingTaskGroup(of: Void.self) { group in
                var inFlight = 0
                for try await var buffer in body {
                    total += buffer.readableBytes
                    guard total <= expectedSize else { throw SizeMismatch(declared: expectedSize, received: nil) }
                    buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                    pending.writeBuffer(&buffer)
                    while pending.readableBytes >= Self.chunkSize {
                        let chunk = pending.readSlice(length: Self.chunkSize)!
                        if inFlight == Self.insertsInFlight {
                            try await group.next()
                            inFlight -= 1
                        }
                        let chunkSequence = sequence
                        group.addTask { try await insertChunk(chunk, blob: id, sequence: chunkSequence) }
                        inFlight += 1
                        sequence += 1
                        pending.discardReadBytes()
                    }
                }
                guard total == expectedSize else { throw SizeMismatch(declared: expectedSize, received: total) }
                try await group.waitForAll()
            }
            if pending.readableBytes > 0 || sequence == 0 {
                try await insertChunk(pending, blob: id, sequence: sequence)
            }
            let blob = Blob(id: id, size: total, sha256: hasher.finalize().hexDigest)
            try await client.query("UPDATE blobs SET size = \(Int64(total)), sha256 = \(blob.sha256) WHERE id = \(id)", logger: logger)
            return blob
        } catch {
            _ = try? await client.query("DELETE FROM blobs WHERE id = \(id)", logger: logger)
            throw error
        }
    }

    /// The blob's bytes as a stream of chunks, read from Postgres with back-pressure.
    public func chunks(id: UUID) async throws -> some AsyncSequence<ByteBuffer, any Error> {
        try await client.query("SELECT data FROM blob_chunks WHERE blob_id = \(id) ORDER BY seq", logger: logger).decode(ByteBuffer.self)
    }

    private func insertChunk(_ chunk: ByteBuffer, blob: UUID, sequence: Int) async throws {
        try await client.query("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (\(blob), \(sequence), \(chunk))", logger: logger)
    }
}
