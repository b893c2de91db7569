import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` address, parsed into a client configuration.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    /// An address that cannot be used; the message says which part is wrong.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public let configuration: PostgresClient.Configuration
    /// The address with the password masked, for logs.
    public let description: String

    public init(_ string: String) throws {
        guard let components = URLComponents(string: string),
              components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw Invalid(description: "DATABASE_URL must look like postgres://user:password@host:port/database") }
        guard let host = components.host, !host.isEmpty else {
            throw Invalid(description: "DATABASE_URL names no host")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw Invalid(description: "DATABASE_URL names no database") }
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default: throw Invalid(description: "DATABASE_URL sslmode must be disable, prefer or require")
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user ?? "postgres",
            password: components.password,
            database: database,
            tls: tls
        )
        configuration.options.maximumConnections = 20
        self.configuration = configuration
        var masked = components
        if masked.password != nil { masked.password = "***" }
        self.description = masked.string ?? "postgres://\(host)/\(database)"
    }
}
