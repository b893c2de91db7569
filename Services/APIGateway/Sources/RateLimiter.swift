import Foundation
import Synchronization

/// Token buckets per API key: `rate` tokens a second up to `burst`; one request takes one token.
///
/// Buckets live in this gateway process: with N gateway replicas a key may reach N × rate in total.
final class RateLimiter: Sendable {
    /// The outcome of one request against its bucket.
    struct Decision: Equatable {
        var allowed: Bool
        var remaining: Int
        /// Seconds until the bucket is full again (`RateLimit-Reset`).
        var resetSeconds: Int
        /// Seconds until one token is available (`Retry-After`), when refused.
        var retryAfterSeconds: Int
    }

    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Int
    private let buckets = Mutex<[String: Bucket]>([:])
    private static let maximumTrackedKeys = 100_000

    init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }

    func take(key: String, now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLock { buckets in
            if buckets.count >= Self.maximumTrackedKeys { buckets.removeAll(keepingCapacity: true) }
            var bucket = buckets[key] ?? Bucket(tokens: Double(burst), updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(Double(burst), bucket.tokens + seconds * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[key] = bucket
            return Decision(
                allowed: allowed,
                remaining: Int(bucket.tokens.rounded(.down)),
                resetSeconds: Int(((Double(burst) - bucket.tokens) / rate).rounded(.up)),
                retryAfterSeconds: allowed ? 0 : max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            )
        }
    }
}
