import IntakeDomain

/// Why one cell could not be normalised or failed a constraint.
public struct CellFailure: Error, Sendable, Equatable {
    public var code: InvalidCell.Code
    public var message: String

    public init(_ code: InvalidCell.Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static func type(_ message: String) -> CellFailure { CellFailure(.typeError, message) }
}
