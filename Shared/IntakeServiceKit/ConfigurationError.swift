/// A setting that is missing or unusable; thrown at startup, naming the key.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let key: String
    public let problem: String

    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    public var description: String { "configuration \(key): \(problem)" }
}
