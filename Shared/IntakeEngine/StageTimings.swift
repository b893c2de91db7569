/// Where a run's time went, summed over every pass of every sheet: reading (decoding and CSV/XLSX
/// parsing, including waiting for the source's bytes), healing and validating, and writing rows to the sink.
public struct StageTimings: Sendable, Equatable {
    public var read: Duration = .zero
    public var heal: Duration = .zero
    public var write: Duration = .zero
    /// Passes over sheets: one per sheet normally, two when a decision needed the whole file; impact
    /// measurement passes are counted in `proposal`.
    public var passes = 0
    public var proposal: Duration = .zero

    public init() {}

    /// `read=1.234s heal=…` for logs.
    public var summary: String {
        func seconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return String(Int((value * 1000).rounded())) + "ms"
        }
        return "read=\(seconds(read)) heal=\(seconds(heal)) write=\(seconds(write)) proposal=\(seconds(proposal)) passes=\(passes)"
    }
}
