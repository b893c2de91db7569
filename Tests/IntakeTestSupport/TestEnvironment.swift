import Foundation

/// Where the test servers are: the stack scripts' defaults, overridable from the environment.
public enum TestEnvironment {
    static let values = ProcessInfo.processInfo.environment

    /// `INTAKE_TEST_PG_PORT` (default 55432): the Postgres started by `deploy/local/test`.
    public static var postgresPort: Int { Int(values["INTAKE_TEST_PG_PORT"] ?? "") ?? 55432 }
    /// `INTAKE_TEST_AMQP_PORT` (default 55672).
    public static var amqpPort: Int { Int(values["INTAKE_TEST_AMQP_PORT"] ?? "") ?? 55672 }
    /// `INTAKE_TEST_RABBIT_MGMT_PORT` (default 55673): the management API, used to create vhosts.
    public static var managementPort: Int { Int(values["INTAKE_TEST_RABBIT_MGMT_PORT"] ?? "") ?? 55673 }

    public static func databaseURL(_ name: String) -> String {
        "postgres://postgres@127.0.0.1:\(postgresPort)/\(name)?sslmode=disable"
    }

    public static func amqpURL(vhost: String) -> String {
        "amqp://guest:guest@127.0.0.1:\(amqpPort)/\(vhost)"
    }

    /// A short random suffix for database, vhost and account names, so suites can run in parallel.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
    }
}
