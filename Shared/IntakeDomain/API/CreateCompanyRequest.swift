import struct Foundation.UUID

/// `POST /v1/companies`.
public struct CreateCompanyRequest: Codable, Sendable {
    public var name: String
    public var planId: UUID
    public var externalId: String?

    public init(name: String, planId: UUID, externalId: String? = nil) {
        self.name = name
        self.planId = planId
        self.externalId = externalId
    }

    enum CodingKeys: String, CodingKey {
        case name
        case planId = "plan_id"
        case externalId = "external_id"
    }
}
