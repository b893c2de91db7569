/// `POST /v1/companies/{id}/uploads`: what the client is about to send.
public struct CreateUploadRequest: Codable, Sendable {
    public var name: String
    public var contentType: String
    public var size: Int

    public init(name: String, contentType: String, size: Int) {
        self.name = name
        self.contentType = contentType
        self.size = size
    }

    enum CodingKeys: String, CodingKey {
        case name, size
        case contentType = "content_type"
    }
}
