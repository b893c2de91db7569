import Synchronization

/// Rows a run attempt has written so far, shared between the writing task and the heartbeat that reports
/// progress to polling clients.
final class RowCounter: Sendable {
    private let rows = Atomic<Int>(0)

    var value: Int { rows.load(ordering: .relaxed) }

    func add(_ count: Int) {
        rows.add(count, ordering: .relaxed)
    }

    /// A sheet read again starts its count over.
    func subtract(_ count: Int) {
        rows.subtract(count, ordering: .relaxed)
    }
}
