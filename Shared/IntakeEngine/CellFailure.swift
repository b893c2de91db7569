import IntakeDomain

/// Why one cell could not be normalised or failed a constraint.
public struct CellFailure: Error, Sendable, Equatable {
    /// A failure only a column-level decision could resolve (and a proposal can offer).
    public enum Ambiguity: Sendable, Equatable {
        /// Day and month could be either way round.
        case dateOrder
        /// `1,234` or `1.234`: a thousands group or a decimal fraction.
        case decimalSeparator
    }

    public var code: InvalidCell.Code
    public var message: String
    public var ambiguity: Ambiguity?

    public init(_ code: InvalidCell.Code, _ message: String, ambiguity: Ambiguity? = nil) {
        self.code = code
        self.message = message
        self.ambiguity = ambiguity
    }

    static func type(_ message: String) -> CellFailure { CellFailure(.typeError, message) }
}
