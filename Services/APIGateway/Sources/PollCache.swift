import Foundation
import NIOCore
import Synchronization

/// Encoded poll responses by run, each with the row version it was made from (Postgres' `xmin`).
///
/// A client polling a run asks far more often than the run changes (progress moves every ~2 s): a poll
/// reads only the row's version — authorised by company and account like any poll — and, when it is the
/// cached one, answers with the cached bytes instead of decoding the run's JSON columns and encoding the
/// response again (two thirds of the gateway's CPU per poll, profiled under wrk).
final class PollCache: Sendable {
    struct Entry: Sendable {
        var version: String
        var body: ByteBuffer
    }

    /// Runs remembered at most; past that the cache starts over (entries are cheap to rebuild).
    let capacity: Int
    private let entries = Mutex<[UUID: Entry]>([:])

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// Whether a response of `run` is cached (of whatever version).
    func holds(run: UUID) -> Bool {
        entries.withLock { $0[run] != nil }
    }

    /// The cached body of `run` when it was made from `version`.
    func body(run: UUID, version: String) -> ByteBuffer? {
        entries.withLock { entries in
            guard let entry = entries[run], entry.version == version else { return nil }
            return entry.body
        }
    }

    func store(run: UUID, version: String, body: ByteBuffer) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[run] == nil { entries.removeAll(keepingCapacity: true) }
            entries[run] = Entry(version: version, body: body)
        }
    }
}
