import struct Foundation.UUID

/// What a run imports: inline rows stored as a blob, or uploaded files.
public struct RunInput: Codable, Sendable, Equatable {
    /// One uploaded file named in an import request.
    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var uploadRef: UUID

        public init(name: String, uploadRef: UUID) {
            self.name = name
            self.uploadRef = uploadRef
        }

        enum CodingKeys: String, CodingKey {
            case name
            case uploadRef = "upload_ref"
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
