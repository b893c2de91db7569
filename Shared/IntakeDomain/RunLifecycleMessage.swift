import struct Foundation.Date
import struct Foundation.UUID

/// The JSON body of every message on the `intake.runs` exchange.
public struct RunLifecycleMessage: Codable, Sendable, Equatable {
    public var messageId: UUID
    public var runId: UUID
    public var companyId: UUID
    public var status: RunStatus
    public var attempt: Int
    public var planId: UUID
    public var planVersion: Int
    public var occurredAt: Date

    public init(
        messageId: UUID = UUID(),
        runId: UUID,
        companyId: UUID,
        status: RunStatus,
        attempt: Int,
        planId: UUID,
        planVersion: Int,
        occurredAt: Date
    ) {
        self.messageId = messageId
        self.runId = runId
        self.companyId = companyId
        self.status = status
        self.attempt = attempt
        self.planId = planId
        self.planVersion = planVersion
        self.occurredAt = occurredAt
    }

    enum CodingKeys: String, CodingKey {
        case status, attempt
        case messageId = "message_id"
        case runId = "run_id"
        case companyId = "company_id"
        case planId = "plan_id"
        case planVersion = "plan_version"
        case occurredAt = "occurred_at"
    }
}
