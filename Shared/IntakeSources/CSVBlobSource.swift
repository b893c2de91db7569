import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence

/// An uploaded delimited text file, streamed from the blob store chunk by chunk through the engine's
/// reader (encoding, delimiter and header row decided and reported there). Each read is a fresh pass.
public struct CSVBlobSource: RecordSource {
    public let file: StoredFile

    public init(_ file: StoredFile) {
        self.file = file
    }

    public var byteCount: Int? { file.size }

    public func read(header: ([String]) async throws -> Void, record: (Int, [String]) async throws -> Void) async throws -> [HealingEvent] {
        try await read(header: header, records: { try await $0.forEachRecord(record) })
    }

    public func read(header: ([String]) async throws -> Void, records: (RecordBatch) async throws -> Void) async throws -> [HealingEvent] {
        var reader = DelimitedTextReader(sheet: file.sheet)
        for try await chunk in try await file.blobs.chunks(id: file.blobId) {
            try await reader.feed(chunk.readableBytesView, header: header, records: records)
        }
        try await reader.finish(header: header, records: records, fileName: file.fileName)
        return reader.heals
    }
}
