import IntakeServiceKit

/// Every setting of the upload service, read from the environment.
public struct UploadConfiguration: Sendable {
    /// `INTAKE_UPLOAD_HOST` / `INTAKE_UPLOAD_PORT` (default 127.0.0.1:8081).
    public var host: String
    public var port: Int
    public var services: ServiceEnvironment

    public init(environment reader: EnvironmentReader = EnvironmentReader()) throws {
        self.host = reader.string("INTAKE_UPLOAD_HOST", default: "127.0.0.1")
        self.port = try reader.int("INTAKE_UPLOAD_PORT", default: 8081, range: 0...65535)
        self.services = try ServiceEnvironment(reader)
    }
}
