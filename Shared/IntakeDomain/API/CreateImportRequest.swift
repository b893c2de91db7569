import struct Foundation.UUID

/// `POST /v1/companies/{id}/imports`: exactly one of `files` and `rows`.
public struct CreateImportRequest: Codable, Sendable, Equatable {
    /// A file named by the upload that holds it.
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

    public var files: [File]?
    public var rows: [[String: JSONValue]]?
    public var sheet: String?
    public var idempotencyKey: String?
    public var review: ReviewMode?

    public init(files: [File]? = nil, rows: [[String: JSONValue]]? = nil, sheet: String? = nil, idempotencyKey: String? = nil, review: ReviewMode? = nil) {
        self.files = files
        self.rows = rows
        self.sheet = sheet
        self.idempotencyKey = idempotencyKey
        self.review = review
    }

    enum CodingKeys: String, CodingKey {
        case files, rows, sheet, review
        case idempotencyKey = "idempotency_key"
    }
}
