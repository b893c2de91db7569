/// `POST /v1/companies/{id}/imports`: exactly one of `files` and `rows`.
public struct CreateImportRequest: Codable, Sendable, Equatable {
    public var files: [RunInput.File]?
    public var rows: [[String: JSONValue]]?
    public var sheet: String?
    public var idempotencyKey: String?
    public var review: ReviewMode?

    public init(files: [RunInput.File]? = nil, rows: [[String: JSONValue]]? = nil, sheet: String? = nil, idempotencyKey: String? = nil, review: ReviewMode? = nil) {
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
