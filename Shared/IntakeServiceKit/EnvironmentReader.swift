import Foundation

/// Reads typed settings from environment variables, throwing `ConfigurationError` for bad values.
public struct EnvironmentReader: Sendable {
    let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public func string(_ key: String, default fallback: String) -> String {
        values[key].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }

    public func require(_ key: String) throws -> String {
        guard let value = values[key], !value.isEmpty else {
            throw ConfigurationError(key: key, problem: "is required but not set")
        }
        return value
    }

    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int> = 0...Int.max) throws -> Int {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(key: key, problem: "must be a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
        }
        return value
    }
}
