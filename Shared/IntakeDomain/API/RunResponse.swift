import struct Foundation.Date
import struct Foundation.UUID

/// `GET /v1/companies/{id}/imports/{run_id}`.
public struct RunResponse: Codable, Sendable, Equatable {
    public var runId: UUID
    public var status: RunStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var planId: UUID
    public var planVersion: Int
    public var progress: RunProgress
    public var healing: [HealingEvent]
    public var report: RunReport?
    public var error: RunError?
    public var needsAttention: NeedsAttention?

    public init(runId: UUID, status: RunStatus, createdAt: Date, updatedAt: Date, planId: UUID, planVersion: Int, progress: RunProgress, healing: [HealingEvent], report: RunReport?, error: RunError?, needsAttention: NeedsAttention? = nil) {
        self.needsAttention = needsAttention
        self.runId = runId
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.planId = planId
        self.planVersion = planVersion
        self.progress = progress
        self.healing = healing
        self.report = report
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case status, progress, healing, report, error
        case runId = "run_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case planId = "plan_id"
        case planVersion = "plan_version"
        case needsAttention = "needs_attention"
    }
}
