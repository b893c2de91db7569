import IntakeServiceKit

/// Every setting of the upload service, read from the environment.
public struct UploadConfiguration: Sendable {
    /// `INTAKE_UPLOAD_HOST` / `INTAKE_UPLOAD_PORT` (default 127.0.0.1:8081).
    public var host: String
    public var port: Int
    /// `INTAKE_UPLOAD_SECRET`: the key upload URLs are signed with (shared with the gateway).
    public var uploadSecret: String
    /// `INTAKE_MAX_UPLOAD_BYTES` (default 5 GiB): bodies declared larger are refused with 413.
    public var maxUploadBytes: Int
    public var services: ServiceEnvironment

    public init(host: String = "127.0.0.1", port: Int = 8081, uploadSecret: String, maxUploadBytes: Int = 5 << 30, services: ServiceEnvironment) {
        self.host = host
        self.port = port
        self.uploadSecret = uploadSecret
        self.maxUploadBytes = maxUploadBytes
        self.services = services
    }

    public init(environment reader: EnvironmentReader = EnvironmentReader()) throws {
        self.host = reader.string("INTAKE_UPLOAD_HOST", default: "127.0.0.1")
        self.port = try reader.int("INTAKE_UPLOAD_PORT", default: 8081, range: 0...65535)
        self.uploadSecret = try reader.require("INTAKE_UPLOAD_SECRET")
        self.maxUploadBytes = try reader.int("INTAKE_MAX_UPLOAD_BYTES", default: 5 << 30, range: 1...(1 << 40))
        self.services = try ServiceEnvironment(reader)
    }
}
