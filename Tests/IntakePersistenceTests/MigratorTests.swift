import Foundation
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

    @Test func rowsStoredBeforeBlocksAreMovedIntoBlocks() async throws {
        let name = TestEnvironment.uniqueName("intake_blocks")
        try await TestDatabase.withClient(TestEnvironment.databaseURL("postgres")) { client, logger in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)
        }
        try await TestDatabase.withClient(TestEnvironment.databaseURL(name)) { client, logger in
            let migrator = Migrator(client: client, logger: logger)
            _ = try await migrator.migrate(Migration.all.filter { $0.version < 7 })
            let run = UUID()
            // Rows of two sheets across a block boundary (4,096 record numbers), with text COPY would escape.
            try await client.query(
                """
                INSERT INTO sheet_rows (run_id, sheet, row_number, invalid, csv_record)
                SELECT \(run), 's', n, n % 3 = 0, 'r' || n || E',"a\tb\\\\c\r\nd",é' FROM generate_series(2, 5001) n
                UNION ALL SELECT \(run), 't', 7, false, ''
                """,
                logger: logger
            )
            #expect(try await migrator.migrate() == Array(7...Migration.latestVersion))
            #expect(try await client.count("SELECT count(*)::int FROM sheet_row_blocks WHERE run_id = \(run)") == 3)
            #expect(try await client.count("SELECT count(*)::int FROM sheet_rows WHERE run_id = \(run)") == 5001)
            let wrong = try await client.count(
                """
                SELECT count(*)::int FROM sheet_rows WHERE run_id = \(run) AND sheet = 's' AND
                    (invalid <> (row_number % 3 = 0) OR csv_record <> 'r' || row_number || E',"a\tb\\\\c\r\nd",é')
                """
            )
            #expect(wrong == 0)
            let blocks = try await client.query("SELECT first_row, last_row, row_count, invalid_count FROM sheet_row_blocks WHERE sheet = 's' ORDER BY block")
                .decode((Int, Int, Int, Int).self).reduce(into: [[Int]]()) { $0.append([$1.0, $1.1, $1.2, $1.3]) }
            #expect(blocks == [[2, 4095, 4094, 1365], [4096, 5001, 906, 302]])
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
