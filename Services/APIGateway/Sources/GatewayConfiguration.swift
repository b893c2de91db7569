import Foundation
import IntakeServiceKit

/// Every setting of the API gateway, read from the environment.
public struct GatewayConfiguration: Sendable {
    /// `INTAKE_GATEWAY_HOST` (default `127.0.0.1`) and `INTAKE_GATEWAY_PORT` (default 8080).
    public var host: String
    public var port: Int
    /// `INTAKE_PUBLIC_URL`: the gateway's address as clients see it, for `poll_url` (default `http://HOST:PORT`).
    public var publicURL: String
    /// `INTAKE_REPORT_URL`: where report-service listens (default `http://127.0.0.1:8082`).
    public var reportServiceURL: String
    /// `INTAKE_INTERNAL_TOKEN`: shared secret the gateway presents to report-service.
    public var internalToken: String
    /// `INTAKE_MAX_JSON_BYTES`: largest JSON body accepted on control endpoints (default 1 MiB).
    public var maxJSONBytes: Int
    /// `INTAKE_MAX_INLINE_ROWS_BYTES`: largest import body with inline rows (default 32 MiB).
    public var maxInlineRowsBytes: Int
    /// `INTAKE_UPLOAD_SECRET`: key that signs upload URLs (shared with upload-service).
    public var uploadSecret: String
    /// `INTAKE_UPLOAD_URL`: the upload service as clients reach it (default `http://127.0.0.1:8081`).
    public var uploadURL: String
    /// `INTAKE_MAX_UPLOAD_BYTES`: largest file a client may declare (default 5 GiB).
    public var maxUploadBytes: Int
    /// `INTAKE_UPLOAD_TTL_SECONDS`: how long an upload URL stays valid (default 3600).
    public var uploadTTL: Int
    /// `INTAKE_RATE_LIMIT_PER_SECOND` (default 20) and `INTAKE_RATE_LIMIT_BURST` (default 100): each API key's token bucket.
    public var rateLimitPerSecond: Int
    public var rateLimitBurst: Int
    /// `INTAKE_API_KEY_CACHE_SECONDS` (default 5, 0 turns it off): how long a live key is trusted without
    /// asking the database again, so also how long a revoked key may keep working.
    public var apiKeyCacheSeconds: Int
    public var services: ServiceEnvironment

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, reportServiceURL: String = "http://127.0.0.1:8082",
        internalToken: String, maxJSONBytes: Int = 1 << 20, maxInlineRowsBytes: Int = 32 << 20,
        uploadSecret: String = "test-upload-secret", uploadURL: String = "http://127.0.0.1:8081", maxUploadBytes: Int = 5 << 30,
        uploadTTL: Int = 3600, rateLimitPerSecond: Int = 20, rateLimitBurst: Int = 100, services: ServiceEnvironment
    ) {
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        self.apiKeyCacheSeconds = 5
        self.uploadSecret = uploadSecret
        self.uploadURL = uploadURL
        self.maxUploadBytes = maxUploadBytes
        self.uploadTTL = uploadTTL
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.reportServiceURL = reportServiceURL
        self.internalToken = internalToken
        self.maxJSONBytes = maxJSONBytes
        self.maxInlineRowsBytes = maxInlineRowsBytes
        self.services = services
    }

    public init(environment reader: EnvironmentReader = EnvironmentReader()) throws {
        self.host = reader.string("INTAKE_GATEWAY_HOST", default: "127.0.0.1")
        self.port = try reader.int("INTAKE_GATEWAY_PORT", default: 8080, range: 1...65535)
        self.publicURL = reader.string("INTAKE_PUBLIC_URL", default: "http://\(host):\(port)")
        self.reportServiceURL = reader.string("INTAKE_REPORT_URL", default: "http://127.0.0.1:8082")
        self.internalToken = try reader.require("INTAKE_INTERNAL_TOKEN")
        self.maxJSONBytes = try reader.int("INTAKE_MAX_JSON_BYTES", default: 1 << 20, range: 1024...(1 << 30))
        self.maxInlineRowsBytes = try reader.int("INTAKE_MAX_INLINE_ROWS_BYTES", default: 32 << 20, range: 1024...(1 << 31))
        self.uploadSecret = try reader.require("INTAKE_UPLOAD_SECRET")
        self.uploadURL = reader.string("INTAKE_UPLOAD_URL", default: "http://127.0.0.1:8081")
        self.maxUploadBytes = try reader.int("INTAKE_MAX_UPLOAD_BYTES", default: 5 << 30, range: 1...(1 << 40))
        self.uploadTTL = try reader.int("INTAKE_UPLOAD_TTL_SECONDS", default: 3600, range: 10...(7 * 86400))
        self.rateLimitPerSecond = try reader.int("INTAKE_RATE_LIMIT_PER_SECOND", default: 20, range: 1...1_000_000)
        self.rateLimitBurst = try reader.int("INTAKE_RATE_LIMIT_BURST", default: 100, range: 1...1_000_000)
        self.apiKeyCacheSeconds = try reader.int("INTAKE_API_KEY_CACHE_SECONDS", default: 5, range: 0...3600)
        self.services = try ServiceEnvironment(reader)
    }
}
