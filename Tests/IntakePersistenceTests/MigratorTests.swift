import IntakePersistence
import IntakeTestSupport
import PostgresNIO
import Testing

@Suite struct MigratorTests {
    @Test func migratesOnceAndReportsTheVersion() async throws {
        let database = try await TestDatabase.create("intake_migrator")
        try await database.withClient { client, logger in
            let migrator = Migrator(client: client, logger: logger)
            #expect(try await migrator.currentVersion() == Migration.latestVersion)
            #expect(try await migrator.migrate().isEmpty)
            try await migrator.requireCurrentSchema()
            #expect(try await client.count("SELECT count(*)::int FROM ops.runs_by_status") == 0)
        }
    }

    @Test func uploadChunksAreCompressedWithLZ4() async throws {
        let database = try await TestDatabase.create("intake_migrator_lz4")
        try await database.withClient { client, logger in
            var methods: [String] = []
            for try await method in try await client.query(
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'blob_chunks'::regclass AND attname = 'data'",
                logger: logger
            ).decode(String.self) { methods.append(method) }
            #expect(methods == ["l"])
        }
    }

    @Test func anEmptyDatabaseIsRefused() async throws {
        let name = TestEnvironment.uniqueName("intake_empty")
        try await TestDatabase.withClient(TestEnvironment.databaseURL("postgres")) { client, logger in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)
        }
        try await TestDatabase.withClient(TestEnvironment.databaseURL(name)) { client, logger in
            let error = await #expect(throws: Migrator.OutdatedSchema.self) {
                try await Migrator(client: client, logger: logger).requireCurrentSchema()
            }
            #expect(error?.description.contains("api-gateway migrate") == true)
        }
    }
}
