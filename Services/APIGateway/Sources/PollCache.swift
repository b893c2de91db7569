import Foundation
import NIOCore
import Synchronization

/// Encoded poll responses by run, valid until the run changes.
///
/// A client polling a run asks far more often than the run changes (progress moves every ~2 s). Postgres
/// announces every change of a run (`intake_run_changed`, see `RunChangeFeed`), which drops that run's
/// entry; a poll of a cached run is then answered from memory — no query, no JSON decode and encode.
///
/// Only while the feed is listening: when its connection drops, the cache empties and stays unused until it
/// listens again (changes in between are unknown). A response read from Postgres is stored only if no
/// change of that run was announced since the read began (`ticket()`), so a slow read never caches a
/// state older than one already announced.
public final class PollCache: Sendable {
    struct Entry: Sendable {
        var companyId: UUID
        var accountId: UUID
        var body: ByteBuffer
    }

    /// Taken before reading a run from Postgres; `store` honours it only if nothing was announced since.
    struct Ticket: Sendable {
        fileprivate var sequence: UInt64
    }

    private struct State {
        var listening = false
        /// Grows with every announced change and every start or stop of listening.
        var sequence: UInt64 = 0
        /// Tickets older than this are refused (the per-run history below was cleared then).
        var floor: UInt64 = 0
        var entries: [UUID: Entry] = [:]
        /// Per run, the sequence of its latest announced change.
        var changedAt: [UUID: UInt64] = [:]
    }

    /// Runs remembered at most; past that the cache starts over (entries are cheap to rebuild).
    let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The cached response of `run`, if it was read for the same company and account.
    func body(run: UUID, companyId: UUID, accountId: UUID) -> ByteBuffer? {
        state.withLock { state in
            guard state.listening, let entry = state.entries[run], entry.companyId == companyId, entry.accountId == accountId else { return nil }
            return entry.body
        }
    }

    func ticket() -> Ticket {
        state.withLock { Ticket(sequence: $0.sequence) }
    }

    /// Caches a response read after `ticket` was taken, unless the run changed (or listening stopped) since.
    func store(run: UUID, companyId: UUID, accountId: UUID, body: ByteBuffer, ticket: Ticket) {
        state.withLock { state in
            guard state.listening, ticket.sequence >= state.floor, (state.changedAt[run] ?? 0) <= ticket.sequence else { return }
            if state.entries.count >= capacity, state.entries[run] == nil { state.entries.removeAll(keepingCapacity: true) }
            state.entries[run] = Entry(companyId: companyId, accountId: accountId, body: body)
        }
    }

    /// A change of `run` was announced (or made here): its cached response is stale.
    func invalidate(run: UUID) {
        state.withLock { state in
            state.sequence += 1
            state.entries[run] = nil
            if state.changedAt.count >= capacity * 4 {
                state.changedAt.removeAll(keepingCapacity: true)
                state.floor = state.sequence
            }
            state.changedAt[run] = state.sequence
        }
    }

    /// Whether announcements are being received; either way, what was cached is forgotten.
    func setListening(_ listening: Bool) {
        state.withLock { state in
            state.listening = listening
            state.sequence += 1
            state.floor = state.sequence
            state.entries.removeAll(keepingCapacity: true)
            state.changedAt.removeAll(keepingCapacity: true)
        }
    }
}
