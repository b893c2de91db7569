import APIGateway
import ArgumentParser
import Foundation
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO

/// `api-gateway`: the public HTTP API, plus schema and account administration.
@main
struct APIGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-gateway",
        abstract: "Intake's public API gateway.",
        subcommands: [Serve.self, Migrate.self, CreateAccount.self, RevokeKey.self],
        defaultSubcommand: Serve.self
    )
}

extension APIGatewayCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the public API (settings from the environment; see README).")

        func run() async throws {
            let registry = ServiceProcess.bootstrap(label: "api-gateway")
            let logger = Logger(label: "api-gateway")
            let configuration = try GatewayConfiguration()
            let (application, dependencies) = try await buildGateway(configuration: configuration, registry: registry, logger: logger)
            try await ServiceRunner.run(application, after: dependencies, logger: logger)
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending database migrations (DATABASE_URL).")

        func run() async throws {
            _ = ServiceProcess.bootstrap(label: "api-gateway")
            let applied = try await withDatabase { client, logger in
                try await Migrator(client: client, logger: logger).migrate()
            }
            print(applied.isEmpty ? "schema is up to date (version \(Migration.latestVersion))" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        }
    }

    struct CreateAccount: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account and print its first API key as JSON.")

        @Option(help: "The account's display name.")
        var name: String

        func run() async throws {
            _ = ServiceProcess.bootstrap(label: "api-gateway")
            let (accountId, key) = try await withDatabase { client, logger in
                try await PostgresAccountRepository(client: client, logger: logger).createAccount(name: name)
            }
            print(#"{"account_id":"\#(accountId.uuidString.lowercased())","api_key":"\#(key.plaintext)"}"#)
        }
    }

    struct RevokeKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke API keys by their visible prefix.")

        @Option(help: "The key's prefix, e.g. ik_3f9a2c01.")
        var prefix: String

        func run() async throws {
            _ = ServiceProcess.bootstrap(label: "api-gateway")
            let count = try await withDatabase { client, logger in
                try await PostgresAccountRepository(client: client, logger: logger).revokeKeys(prefix: prefix)
            }
            print(#"{"revoked":\#(count)}"#)
        }
    }
}

/// Runs `body` with a Postgres client that lives only for the command.
func withDatabase<T: Sendable>(_ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T) async throws -> T {
    let logger = Logger(label: "api-gateway")
    var quiet = logger
    quiet.logLevel = .error
    let database = try ServiceEnvironmentDatabase.read()
    let client = PostgresClient(configuration: database.configuration, backgroundLogger: quiet)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            await client.run()
            return nil
        }
        defer { group.cancelAll() }
        return try await body(client, logger)
    }
}

/// Reads only `DATABASE_URL`: admin commands need no broker.
enum ServiceEnvironmentDatabase {
    static func read() throws -> DatabaseURL {
        let reader = EnvironmentReader()
        do {
            return try DatabaseURL(try reader.require("DATABASE_URL"))
        } catch let error as DatabaseURL.Invalid {
            throw ConfigurationError(key: "DATABASE_URL", problem: error.description)
        }
    }
}
