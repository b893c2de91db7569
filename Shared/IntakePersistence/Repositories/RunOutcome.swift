import IntakeDomain

/// How a run attempt ends, as the worker reports it.
public enum RunOutcome: Sendable {
    case completed(RunReport, healing: [HealingEvent])
    /// Paused for a human: questions and a proposed patch.
    case needsAttention(RunReport, healing: [HealingEvent], NeedsAttention)
    case failed(RunError)
}
