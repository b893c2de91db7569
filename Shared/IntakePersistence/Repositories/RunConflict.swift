import Foundation

/// Why a run could not be created.
public enum RunConflict: Error, Equatable {
    /// The company already has a queued, running or paused run.
    case activeRun(UUID)
    /// The idempotency key was used before with a different payload.
    case idempotencyKeyReused
}
