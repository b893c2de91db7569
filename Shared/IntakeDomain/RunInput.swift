import struct Foundation.UUID

/// What a run imports: inline rows stored as a blob, or uploaded files.
public struct RunInput: Codable, Sendable, Equatable {
    /// One uploaded file as the gateway resolved it: the plan sheet it feeds and the blob holding it.
    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var uploadRef: UUID
        public var sheet: String
        public var blobId: UUID
        public var contentType: String

        public init(name: String, uploadRef: UUID, sheet: String, blobId: UUID, contentType: String) {
            self.name = name
            self.uploadRef = uploadRef
            self.sheet = sheet
            self.blobId = blobId
            self.contentType = contentType
        }

        enum CodingKeys: String, CodingKey {
            case name, sheet
            case uploadRef = "upload_ref"
            case blobId = "blob_id"
            case contentType = "content_type"
        }
    }

    /// The blob holding inline rows as a JSON array of objects.
    public var rowsBlob: UUID?
    /// The plan sheet inline rows belong to (the first sheet when nil).
    public var sheet: String?
    public var files: [File]?

    public static func rows(blob: UUID, sheet: String?) -> RunInput {
        RunInput(rowsBlob: blob, sheet: sheet, files: nil)
    }

    public static func files(_ files: [File]) -> RunInput {
        RunInput(rowsBlob: nil, sheet: nil, files: files)
    }

    enum CodingKeys: String, CodingKey {
        case sheet, files
        case rowsBlob = "rows_blob"
    }
}
