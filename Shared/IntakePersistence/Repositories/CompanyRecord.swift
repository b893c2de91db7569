import Foundation

/// A customer being onboarded: the unit that owns runs and exports.
public struct CompanyRecord: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountId: UUID
    public var name: String
    public var externalId: String?
    public var planId: UUID
    public var createdAt: Date

    public init(id: UUID, accountId: UUID, name: String, externalId: String?, planId: UUID, createdAt: Date) {
        self.id = id
        self.accountId = accountId
        self.name = name
        self.externalId = externalId
        self.planId = planId
        self.createdAt = createdAt
    }
}
