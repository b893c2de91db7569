import Foundation
import IntakePersistence
import Logging
import PostgresNIO

/// A fresh, migrated database per test suite on the stack's Postgres.
public struct TestDatabase: Sendable {
    public let name: String
    public let url: String

    /// Creates and migrates a database named after `prefix` plus a random suffix.
    public static func create(_ prefix: String = "intake_test") async throws -> TestDatabase {
        let name = TestEnvironment.uniqueName(prefix)
        try await withClient(TestEnvironment.databaseURL("postgres")) { client, logger in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)
        }
        let database = TestDatabase(name: name, url: TestEnvironment.databaseURL(name))
        try await database.withClient { client, logger in
            try await Migrator(client: client, logger: logger).migrate()
        }
        return database
    }

    /// Runs `body` with a client of this database that lives only for the call.
    @discardableResult
    public func withClient<T: Sendable>(_ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T) async throws -> T {
        try await Self.withClient(url, body)
    }

    @discardableResult
    public static func withClient<T: Sendable>(_ url: String, _ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var quiet = logger
        quiet.logLevel = .error
        let client = PostgresClient(configuration: try DatabaseURL(url).configuration, backgroundLogger: quiet)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client, logger)
        }
    }
}
