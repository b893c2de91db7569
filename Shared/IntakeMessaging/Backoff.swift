/// Exponential retry delays: 250 ms doubling to a ceiling.
public struct Backoff: Sendable {
    public private(set) var current: Duration
    public let initial: Duration
    public let maximum: Duration

    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
        self.current = initial
    }

    /// The delay to wait now; the next one doubles.
    public mutating func next() -> Duration {
        defer { current = min(current * 2, maximum) }
        return current
    }

    public mutating func reset() {
        current = initial
    }
}
