import struct Foundation.Date
import struct Foundation.UUID

/// A target schema owned by an account: the columns an import produces.
public struct Template: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var columns: [TemplateColumn]
    public var createdAt: Date

    public init(id: UUID, name: String, columns: [TemplateColumn], createdAt: Date) {
        self.id = id
        self.name = name
        self.columns = columns
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, columns
        case createdAt = "created_at"
    }
}
