import IntakeDomain

/// How a run attempt ends, as the worker reports it.
public enum RunOutcome: Sendable {
    case completed(RunReport, healing: [HealingEvent])
    case failed(RunError)
}
