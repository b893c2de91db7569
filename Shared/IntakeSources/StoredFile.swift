import Foundation
import IntakePersistence

/// An uploaded file in the blob store, as a run reads it for one plan sheet.
public struct StoredFile: Sendable {
    public let blobs: PostgresBlobStore
    public let blobId: UUID
    public let fileName: String
    public let sheet: String

    public init(blobs: PostgresBlobStore, blobId: UUID, fileName: String, sheet: String) {
        self.blobs = blobs
        self.blobId = blobId
        self.fileName = fileName
        self.sheet = sheet
    }
}
