/// Exponential reconnect delays: 250 ms doubling to a ceiling.
struct Backoff {
    private(set) var current: Duration
    let initial: Duration
    let maximum: Duration

    init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
        self.current = initial
    }

    /// The delay to wait now; the next one doubles.
    mutating func next() -> Duration {
        defer { current = min(current * 2, maximum) }
        return current
    }

    mutating func reset() {
        current = initial
    }
}
