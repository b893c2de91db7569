/// A failure reported by librabbitmq or the broker; the connection that raised it must be reopened.
public struct AMQPError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
