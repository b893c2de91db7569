import Foundation
import IntakeDomain

/// A run as stored: its status, the plan version it uses, and what it has produced so far.
public struct RunRecord: Sendable, Equatable {
    public var id: UUID
    public var accountId: UUID
    public var companyId: UUID
    public var planId: UUID
    public var planVersion: Int
    public var status: RunStatus
    public var review: ReviewMode
    public var input: RunInput
    public var idempotencyKey: String?
    public var requestHash: String?
    public var attempt: Int
    public var progress: RunProgress
    public var healing: [HealingEvent]
    public var report: RunReport?
    public var error: RunError?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    public var needsAttention: NeedsAttention?

    /// The lifecycle message announcing this run's current status.
    public func message(at date: Date = Date()) -> RunLifecycleMessage {
        RunLifecycleMessage(
            runId: id, companyId: companyId, status: status, attempt: attempt,
            planId: planId, planVersion: planVersion, occurredAt: date
        )
    }
}
