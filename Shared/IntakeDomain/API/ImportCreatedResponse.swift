import struct Foundation.Date
import struct Foundation.UUID

/// The answer to a new (or replayed) import request.
public struct ImportCreatedResponse: Codable, Sendable, Equatable {
    public var runId: UUID
    public var status: RunStatus
    public var pollUrl: String
    public var createdAt: Date

    public init(runId: UUID, status: RunStatus, pollUrl: String, createdAt: Date) {
        self.runId = runId
        self.status = status
        self.pollUrl = pollUrl
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case status
        case runId = "run_id"
        case pollUrl = "poll_url"
        case createdAt = "created_at"
    }
}
