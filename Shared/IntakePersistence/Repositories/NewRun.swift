import Foundation
import IntakeDomain

/// What a client asked to import, ready to be queued.
public struct NewRun: Sendable {
    public var accountId: UUID
    public var companyId: UUID
    public var planId: UUID
    public var planVersion: Int
    public var review: ReviewMode
    public var input: RunInput
    /// Inline rows to store as a blob in the same transaction (the input then names that blob).
    public var inlineRows: [UInt8]?
    public var idempotencyKey: String?
    public var requestHash: String

    public init(
        accountId: UUID, companyId: UUID, planId: UUID, planVersion: Int, review: ReviewMode,
        input: RunInput, inlineRows: [UInt8]?, idempotencyKey: String?, requestHash: String
    ) {
        self.accountId = accountId
        self.companyId = companyId
        self.planId = planId
        self.planVersion = planVersion
        self.review = review
        self.input = input
        self.inlineRows = inlineRows
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
    }
}
