import Foundation
import IntakeDomain

/// One immutable version of a plan, as stored.
public struct PlanRecord: Sendable, Equatable {
    public var id: UUID
    public var version: Int
    public var spec: PlanSpec
    public var createdFromRun: UUID?
    public var createdAt: Date

    public init(id: UUID, version: Int, spec: PlanSpec, createdFromRun: UUID?, createdAt: Date) {
        self.id = id
        self.version = version
        self.spec = spec
        self.createdFromRun = createdFromRun
        self.createdAt = createdAt
    }
}
