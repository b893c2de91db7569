import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence

/// An uploaded delimited text file, streamed from the blob store chunk by chunk through the engine's
/// reader (encoding, delimiter and header row decided and reported there). Each read is a fresh pass.
public struct CSVBlobSource: RecordSource {
    let blobs: PostgresBlobStore
    let blobId: UUID
    let fileName: String
    let sheet: String

    public init(blobs: PostgresBlobStore, blobId: UUID, fileName: String, sheet: String) {
        self.blobs = blobs
        self.blobId = blobId
        self.fileName = fileName
        self.sheet = sheet
    }

    public func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        var reader = DelimitedTextReader(sheet: sheet)
        for try await chunk in try await blobs.chunks(id: blobId) {
            try await reader.feed(chunk.readableBytesView, header: header, record: record)
        }
        try await reader.finish(header: header, record: record, fileName: fileName)
        return reader.heals
    }
}
