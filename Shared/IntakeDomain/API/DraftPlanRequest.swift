import struct Foundation.UUID

/// `POST /v1/plans/draft`: templates to map onto, and a sample of the data (files or rows).
public struct DraftPlanRequest: Codable, Sendable {
    public var templateIds: [UUID]
    public var files: [CreateImportRequest.File]?
    public var rows: [[String: JSONValue]]?
    public var name: String?

    enum CodingKeys: String, CodingKey {
        case files, rows, name
        case templateIds = "template_ids"
    }
}
