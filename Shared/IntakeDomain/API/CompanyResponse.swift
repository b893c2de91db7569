import struct Foundation.Date
import struct Foundation.UUID

/// A company as the API shows it.
public struct CompanyResponse: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var externalId: String?
    public var planId: UUID
    public var createdAt: Date

    public init(id: UUID, name: String, externalId: String?, planId: UUID, createdAt: Date) {
        self.id = id
        self.name = name
        self.externalId = externalId
        self.planId = planId
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case externalId = "external_id"
        case planId = "plan_id"
        case createdAt = "created_at"
    }
}

/// `{"company": …}`, the envelope of single-company responses.
public struct CompanyEnvelope: Codable, Sendable, Equatable {
    public var company: CompanyResponse

    public init(company: CompanyResponse) {
        self.company = company
    }
}
