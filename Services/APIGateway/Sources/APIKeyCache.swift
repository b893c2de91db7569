import Foundation
import Synchronization

/// Live keys seen recently, by SHA-256 digest, each for `ttl`; cleared whole when it reaches 10,000 entries.
public final class APIKeyCache: Sendable {
    private struct Entry {
        var account: UUID
        var expires: ContinuousClock.Instant
    }

    private let ttl: Duration
    private let entries = Mutex<[[UInt8]: Entry]>([:])

    public init(ttl: Duration) {
        self.ttl = ttl
    }

    func account(for digest: [UInt8]) -> UUID? {
        guard ttl > .zero else { return nil }
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.expires > now else {
                entries[digest] = nil
                return nil
            }
            return entry.account
        }
    }

    func remember(_ digest: [UInt8], account: UUID) {
        guard ttl > .zero else { return }
        let expires = ContinuousClock.now + ttl
        entries.withLock { entries in
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[digest] = Entry(account: account, expires: expires)
        }
    }
}
