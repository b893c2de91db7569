import Synchronization

/// Set once a run attempt's rows are all written and its result is being stored, shared by the task that
/// stores it and the one renewing the lease.
final class FinishingFlag: Sendable {
    private let finishing = Atomic<Bool>(false)

    var isSet: Bool { finishing.load(ordering: .acquiring) }

    func set() {
        finishing.store(true, ordering: .releasing)
    }
}
