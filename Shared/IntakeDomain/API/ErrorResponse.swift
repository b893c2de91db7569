/// The body of every error answer: a message for people, a code for programs, and the request id.
public struct ErrorResponse: Codable, Sendable, Equatable {
    public var error: String
    public var code: String
    public var requestId: String
    public var activeRunId: String?

    public init(error: String, code: String, requestId: String, activeRunId: String? = nil) {
        self.error = error
        self.code = code
        self.requestId = requestId
        self.activeRunId = activeRunId
    }

    enum CodingKeys: String, CodingKey {
        case error, code
        case requestId = "request_id"
        case activeRunId = "active_run_id"
    }
}
