import Crypto
import Foundation
import IntakePersistence
import IntakeTestSupport
import NIOCore
import PostgresNIO
import Testing

/// Uploads streamed into Postgres a few chunks at a time, on separate connections.
@Suite struct BlobStoreTests {
    /// Pseudo-random bytes (xorshift), so a chunk stored out of place or twice cannot go unseen.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// `bytes` as a body arriving in pieces of `piece` bytes, failing with `failure` after `failAfter` bytes.
    static func body(_ bytes: [UInt8], piece: Int, failAfter: Int? = nil) -> AsyncThrowingStream<ByteBuffer, any Error> {
        AsyncThrowingStream { continuation in
            var offset = 0
            while offset < bytes.count {
                if let failAfter, offset >= failAfter {
                    continuation.finish(throwing: BodyFailed())
                    return
                }
                let end = min(offset + piece, bytes.count)
                continuation.yield(ByteBuffer(bytes: bytes[offset..<end]))
                offset = end
            }
            continuation.finish()
        }
    }

    struct BodyFailed: Error {}

    @Test func aBodyOfManyChunksReadsBackByteForByte() async throws {
        let database = try await TestDatabase.create("intake_blobs")
        try await database.withClient { client, logger in
            let store = PostgresBlobStore(client: client, logger: logger)
            // More chunks than are inserted at once, the last one partial; pieces that straddle chunk ends.
            let bytes = Self.bytes(PostgresBlobStore.chunkSize * (PostgresBlobStore.insertsInFlight + 3) + 12_345, seed: 7)
            let blob = try await store.store(Self.body(bytes, piece: 100_003), expectedSize: bytes.count)
            #expect(blob.size == bytes.count)
            #expect(blob.sha256 == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
            #expect(try await store.read(id: blob.id) == bytes)
            #expect(try await store.size(id: blob.id) == bytes.count)
            #expect(try await store.size(id: UUID()) == nil)
            #expect(try await client.count("SELECT count(*)::int FROM blob_chunks WHERE blob_id = \(blob.id)") == PostgresBlobStore.insertsInFlight + 4)
            var streamed: [UInt8] = []
            for try await chunk in try await store.chunks(id: blob.id) { streamed += chunk.readableBytesView }
            #expect(streamed == bytes)
        }
    }

    @Test func aBodyThatFailsOrMissesItsSizeLeavesNothing() async throws {
        let database = try await TestDatabase.create("intake_blobs")
        try await database.withClient { client, logger async throws in
            let store = PostgresBlobStore(client: client, logger: logger)
            let size = PostgresBlobStore.chunkSize * (PostgresBlobStore.insertsInFlight + 2)
            let bytes = Self.bytes(size, seed: 11)
            await #expect(throws: BodyFailed.self) {
                try await store.store(Self.body(bytes, piece: 65_536, failAfter: size - PostgresBlobStore.chunkSize), expectedSize: size)
            }
            let short = await #expect(throws: PostgresBlobStore.SizeMismatch.self) {
                try await store.store(Self.body(bytes, piece: 65_536), expectedSize: size + 1)
            }
            #expect(short?.declared == size + 1 && short?.received == size)
            let overrun = await #expect(throws: PostgresBlobStore.SizeMismatch.self) {
                try await store.store(Self.body(bytes, piece: 65_536), expectedSize: size - 1)
            }
            #expect(overrun?.declared == size - 1 && overrun?.received == nil)
            #expect(try await client.count("SELECT count(*)::int FROM blob_chunks") == 0)
            #expect(try await client.count("SELECT count(*)::int FROM blobs") == 0)
        }
    }
}
