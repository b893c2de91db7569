import Foundation
import IntakePersistence

/// An uploaded file in the blob store, as a run reads it for one plan sheet.
public struct StoredFile: Sendable {
    public let blobs: PostgresBlobStore
    public let blobId: UUID
    public let fileName: String
    public let sheet: String
    /// Its size in bytes, when known.
    public let size: Int?

    public init(blobs: PostgresBlobStore, blobId: UUID, fileName: String, sheet: String, size: Int? = nil) {
        self.blobs = blobs
        self.blobId = blobId
        self.fileName = fileName
        self.sheet = sheet
        self.size = size
    }
}
