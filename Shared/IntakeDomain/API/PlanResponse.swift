import struct Foundation.Date
import struct Foundation.UUID

/// A plan version as the API shows it.
public struct PlanResponse: Codable, Sendable, Equatable {
    public var id: UUID
    public var version: Int
    public var name: String
    public var sheets: [SheetSpec]
    public var review: ReviewMode
    public var defaultCountry: String
    public var createdFromRun: UUID?
    public var createdAt: Date

    public init(id: UUID, version: Int, spec: PlanSpec, createdFromRun: UUID?, createdAt: Date) {
        self.id = id
        self.version = version
        self.name = spec.name
        self.sheets = spec.sheets
        self.review = spec.review
        self.defaultCountry = spec.defaultCountry
        self.createdFromRun = createdFromRun
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, version, name, sheets, review
        case defaultCountry = "default_country"
        case createdFromRun = "created_from_run"
        case createdAt = "created_at"
    }
}
