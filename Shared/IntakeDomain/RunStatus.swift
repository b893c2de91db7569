/// The lifecycle state of an import run.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case queued
    case running
    case needsAttention = "needs_attention"
    case completed
    case failed
    case canceled

    /// Statuses that hold the company's single active-run slot.
    public static let active: [RunStatus] = [.queued, .running, .needsAttention]

    /// Whether the run can no longer change.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .canceled: true
        case .queued, .running, .needsAttention: false
        }
    }

    /// The routing key of the lifecycle event announcing this status.
    public var routingKey: String {
        switch self {
        case .queued: "run.queued"
        case .running: "run.started"
        case .needsAttention: "run.needs_attention"
        case .completed: "run.completed"
        case .failed: "run.failed"
        case .canceled: "run.canceled"
        }
    }
}
