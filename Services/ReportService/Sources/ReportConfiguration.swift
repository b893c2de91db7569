import IntakeServiceKit

/// Every setting of the report service, read from the environment.
public struct ReportConfiguration: Sendable {
    /// `INTAKE_REPORT_HOST` / `INTAKE_REPORT_PORT` (default 127.0.0.1:8082).
    public var host: String
    public var port: Int
    /// `INTAKE_INTERNAL_TOKEN`: the secret the gateway must present.
    public var internalToken: String
    public var services: ServiceEnvironment

    public init(environment reader: EnvironmentReader = EnvironmentReader()) throws {
        self.host = reader.string("INTAKE_REPORT_HOST", default: "127.0.0.1")
        self.port = try reader.int("INTAKE_REPORT_PORT", default: 8082, range: 0...65535)
        self.internalToken = try reader.require("INTAKE_INTERNAL_TOKEN")
        self.services = try ServiceEnvironment(reader)
    }
}
