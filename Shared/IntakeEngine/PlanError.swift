/// A plan or template that cannot be applied as written; the message names the offending part.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
