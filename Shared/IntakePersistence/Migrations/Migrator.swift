import Logging
import PostgresNIO

/// Applies pending migrations under an advisory lock and checks the schema version at service start.
public struct Migrator: Sendable {
    /// A database whose schema is older than this build needs.
    public struct OutdatedSchema: Error, CustomStringConvertible {
        public let found: Int
        public let needed: Int
        public var description: String {
            "the database schema is at version \(found) but this build needs version \(needed): run `api-gateway migrate` first"
        }
    }

    private static let lockKey: Int64 = 0x1A7A_4E00

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Applies every migration newer than the database's version; returns the versions applied.
    @discardableResult
    public func migrate(_ migrations: [Migration] = Migration.all) async throws -> [Int] {
        try await client.transaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version int PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            var newlyApplied: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                for statement in SQLScript.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger
                )
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                newlyApplied.append(migration.version)
            }
            return newlyApplied
        }
    }

    /// The highest applied version, 0 for an empty database.
    public func currentVersion() async throws -> Int {
        let exists = try await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            .decode(Bool.self).first { _ in true } ?? false
        guard exists else { return 0 }
        return try await client.query("SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger)
            .decode(Int.self).first { _ in true } ?? 0
    }

    /// Throws `OutdatedSchema` unless the database has every migration this build knows.
    public func requireCurrentSchema() async throws {
        let found = try await currentVersion()
        guard found >= Migration.latestVersion else {
            throw OutdatedSchema(found: found, needed: Migration.latestVersion)
        }
    }
}
