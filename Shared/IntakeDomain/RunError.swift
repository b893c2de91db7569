/// Why a run failed: a machine code and a message meant for the client.
public struct RunError: Codable, Sendable, Equatable, Error {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
