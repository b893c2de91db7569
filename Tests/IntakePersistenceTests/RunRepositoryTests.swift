import Foundation
import IntakeDomain
import IntakePersistence
import IntakeTestSupport
import Logging
import PostgresNIO
import Synchronization
import Testing

@Suite struct RunRepositoryTests {
    /// Runs `body` on a fresh database holding what a run needs (`Fixtures`), with a run repository over it.
    private func withRuns(
        _ body: @escaping @Sendable (PostgresClient, Logger, Fixtures, PostgresRunRepository) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create("intake_runs")
        try await database.withClient { client, logger in
            try await body(client, logger, try await Fixtures.make(client: client, logger: logger), PostgresRunRepository(client: client, logger: logger))
        }
    }

    @Test func creatingARunWritesItsEventAndOutboxMessageAndBlob() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let (run, replayed) = try await runs.create(fixtures.newRun())
            #expect(!replayed)
            #expect(run.status == .queued)
            #expect(run.attempt == 0)
            #expect(try await client.count("SELECT count(*)::int FROM run_events WHERE run_id = \(run.id) AND to_status = 'queued'") == 1)
            #expect(try await client.count("SELECT count(*)::int FROM outbox WHERE routing_key = 'run.queued' AND payload->>'run_id' = \(run.id.uuidString)") == 1)
            let blobId = try #require(run.input.rowsBlob)
            let bytes = try await PostgresBlobStore(client: client, logger: logger).read(id: blobId)
            #expect(bytes.map { String(decoding: $0, as: UTF8.self) }?.contains("a@example.com") == true)
        }
    }

    @Test func oneActiveRunPerCompanyIsADatabaseFact() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let results = await withTaskGroup(of: Result<UUID, any Error>.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do { return .success(try await runs.create(fixtures.newRun()).run.id) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            for case .failure(let error) in results {
                #expect(error as? RunConflict == .activeRun(winners[0]))
            }
        }
    }

    @Test func idempotencyKeysReplayOrConflict() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let first = try await runs.create(fixtures.newRun(key: "k1", hash: "a"))
            let again = try await runs.create(fixtures.newRun(key: "k1", hash: "a"))
            #expect(again.replayed)
            #expect(again.run.id == first.run.id)
            await #expect(throws: RunConflict.idempotencyKeyReused) { try await runs.create(fixtures.newRun(key: "k1", hash: "b")) }
        }
    }

    @Test func claimIsExclusiveAndFinishWritesRowsAtomically() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let run = try await runs.create(fixtures.newRun()).run
            let claimed = try #require(try await runs.claim(id: run.id, owner: "w1", lease: .seconds(30)))
            #expect(claimed.status == .running)
            #expect(claimed.attempt == 1)
            #expect(try await runs.claim(id: run.id, owner: "w2", lease: .seconds(30)) == nil)

            await #expect(throws: LeaseLost.self) {
                _ = try await runs.finish(id: run.id, owner: "w2") { _ in .failed(RunError(code: "x", message: "x")) }
            }
            await #expect(throws: CancellationError.self) {
                _ = try await runs.finish(id: run.id, owner: "w1") { writer in
                    try await writer.insert(Self.block(sheet: "s", index: 0, rows: [(1, false, "x")]))
                    throw CancellationError()
                }
            }
            #expect(try await client.count("SELECT count(*)::int FROM sheet_rows WHERE run_id = \(run.id)") == 0)

            let report = RunReport(inserted: 1, invalidRowCount: 1, invalidCellCount: 1, sheets: [.init(sheet: "s", templateId: fixtures.template.id, rows: 2, invalidRows: 1)], profile: [:])
            let finished = try await runs.finish(id: run.id, owner: "w1") { writer in
                // As the worker writes: rows in blocks, then the buffered invalid cells.
                try await writer.insert(Self.block(sheet: "s", index: 0, rows: [(1, false, "a\tb\\c\nd")]))
                try await writer.insert(Self.block(sheet: "s", index: 1, rows: [(2, true, "bad"), (4, false, "é,\"x\"\r\ny")]))
                var cells = ByteBuffer()
                writer.appendCopyLine(cell: InvalidCell(sheet: "s", row: 2, column: "email", value: "bad\t", code: .typeError, message: "not an email"), to: &cells)
                try await writer.copyCells(cells)
                return .completed(report, healing: [])
            }
            #expect(finished.status == .completed)
            #expect(finished.report == report)
            let records = try await client.query("SELECT csv_record FROM sheet_rows WHERE run_id = \(run.id) ORDER BY row_number").decode(String.self).reduce(into: []) { $0.append($1) }
            #expect(records == ["a\tb\\c\nd", "bad", "é,\"x\"\r\ny"], "the sheet_rows view unpacks the blocks")
            let flags = try await client.query("SELECT row_number, invalid FROM sheet_rows WHERE run_id = \(run.id) ORDER BY row_number").decode((Int, Bool).self).reduce(into: []) { $0.append([$1.0, $1.1 ? 1 : 0]) }
            #expect(flags == [[1, 0], [2, 1], [4, 0]])
            let cell = try await client.query("SELECT value, code FROM invalid_cells WHERE run_id = \(run.id)").decode((String, String).self).first { _ in true }
            #expect(cell?.0 == "bad\t")
            #expect(cell?.1 == "type-error")
            #expect(try await client.count("SELECT count(*)::int FROM outbox WHERE routing_key = 'run.completed'") == 1)
            #expect(try await runs.latestCompleted(companyId: fixtures.company.id)?.id == run.id)
        }
    }

    /// While a worker writes a run's result, its lease renews and reports progress, and a client's cancel
    /// goes through at once; the worker then keeps nothing. (The result's transaction used to lock the run
    /// for the whole import: heartbeats and cancels waited until it ended.)
    @Test func whileTheResultIsWrittenTheLeaseRenewsAndACancelWins() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let run = try await runs.create(fixtures.newRun()).run
            _ = try #require(try await runs.claim(id: run.id, owner: "w1", lease: .seconds(30)))

            let (written, writtenSignal) = AsyncStream<Void>.makeStream()
            let (proceed, proceedSignal) = AsyncStream<Void>.makeStream()
            let report = RunReport(inserted: 1, invalidRowCount: 0, invalidCellCount: 0, sheets: [], profile: [:])
            let worker = Task {
                try await runs.finish(id: run.id, owner: "w1") { writer in
                    try await writer.insert(Self.block(sheet: "s", index: 0, rows: [(1, false, "a")]))
                    writtenSignal.yield()
                    for await _ in proceed { break }
                    return .completed(report, healing: [])
                }
            }
            for await _ in written { break }

            // Each runs beside the open result; waited for at most 10 s (then the result is let go, so a
            // blocked statement ends and the test fails instead of hanging).
            let renewed = try await Self.completesPromptly {
                try await runs.heartbeat(id: run.id, owner: "w1", lease: .seconds(30), progress: RunProgress(phase: "processing", rowsProcessed: 5))
            } orElse: { proceedSignal.yield() }
            #expect(renewed == true, "the heartbeat renews the lease while the result is written")
            let progress = try await client.query("SELECT (progress->>'rows_processed')::int FROM runs WHERE id = \(run.id)").decode(Int.self).first { _ in true }
            #expect(progress == 5, "polling clients see the progress")

            let canceled = try await Self.completesPromptly {
                try await runs.cancel(id: run.id, companyId: fixtures.company.id)
            } orElse: { proceedSignal.yield() }
            #expect(canceled??.status == .canceled, "the cancel goes through while the result is written")

            proceedSignal.yield()
            await #expect(throws: LeaseLost.self) { _ = try await worker.value }
            #expect(try await client.count("SELECT count(*)::int FROM sheet_rows WHERE run_id = \(run.id)") == 0)
            #expect(try await client.count("SELECT count(*)::int FROM runs WHERE id = \(run.id) AND status = 'canceled'") == 1)
        }
    }

    /// `operation`'s result when it completes within 10 s; otherwise nil, after calling `unblock` and letting
    /// it finish.
    static func completesPromptly<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T, orElse unblock: () -> Void
    ) async throws -> T? {
        let completion = Completion()
        let task = Task {
            defer { completion.mark() }
            return try await operation()
        }
        for _ in 0..<200 {
            if completion.isDone { return try await task.value }
            try await Task.sleep(for: .milliseconds(50))
        }
        unblock()
        _ = try? await task.value
        return nil
    }

    final class Completion: Sendable {
        private let done = Mutex(false)
        var isDone: Bool { done.withLock { $0 } }
        func mark() { done.withLock { $0 = true } }
    }

    /// A block of rows, encoded as the worker's sink encodes them.
    static func block(sheet: String, index: Int, rows: [(number: Int, invalid: Bool, record: String)]) -> RowBlock {
        var block = RowBlock(sheet: sheet, index: index)
        for row in rows { block.append(number: row.number, invalid: row.invalid) { $0.writeString(row.record) } }
        return block
    }

    /// A block large enough to be stored compressed out of line reads back through `sheet_rows` row for row:
    /// numbers past 2³², flags, and records with multi-byte text. (The view once decompressed the block four
    /// times a row; it reads it once now, which this checks only for correctness — no test times it.)
    @Test func aLargeCompressedBlockReadsBackRowForRow() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let run = try await runs.create(fixtures.newRun()).run
            _ = try #require(try await runs.claim(id: run.id, owner: "w1", lease: .seconds(30)))
            let base = 5_000_000_000
            let rows = (0..<6_000).map { n in (number: base + 3 * n, invalid: n % 7 == 0, record: "row \(n),café \(n % 13),\"x, y\"") }
            _ = try await runs.finish(id: run.id, owner: "w1") { writer in
                try await writer.insert(Self.block(sheet: "s", index: 0, rows: rows))
                return .failed(RunError(code: "x", message: "x"))
            }
            let stored = try await client.query(
                "SELECT pg_column_size(data) < octet_length(data) FROM sheet_row_blocks WHERE run_id = \(run.id)"
            ).decode(Bool.self).first { _ in true }
            #expect(stored == true, "the block is stored compressed")
            var read: [(Int, Bool, String)] = []
            for try await row in try await client.query(
                "SELECT row_number, invalid, csv_record FROM sheet_rows WHERE run_id = \(run.id) ORDER BY row_number"
            ).decode((Int, Bool, String).self) { read.append(row) }
            #expect(read.count == rows.count)
            #expect(zip(read, rows).allSatisfy { $0.0 == $1.number && $0.1 == $1.invalid && $0.2 == $1.record })
        }
    }

    /// A stopping worker hands its run back to the queue at once: uncharged (its attempt does not count), with
    /// its transition and a `run.queued` message; only the worker holding the run can, and only while it runs.
    @Test func aStoppingWorkerHandsItsRunOverUncharged() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let run = try await runs.create(fixtures.newRun()).run
            #expect(try await runs.handOver(id: run.id, owner: "w1") == nil, "a queued run is nobody's to hand over")
            _ = try #require(try await runs.claim(id: run.id, owner: "w1", lease: .seconds(30)))
            #expect(try await runs.handOver(id: run.id, owner: "w2") == nil, "only its holder hands a run over")

            let queued = try #require(try await runs.handOver(id: run.id, owner: "w1"))
            #expect(queued.status == .queued)
            #expect(queued.attempt == 0)
            #expect(queued.progress.phase == "requeued")
            let lease = try await client.query("SELECT lease_owner, lease_expires_at FROM runs WHERE id = \(run.id)").decode((String?, Date?).self).first { _ in true }
            #expect(lease?.0 == nil)
            #expect(lease?.1 == nil)
            let detail = try await client.query(
                "SELECT detail->>'reason' FROM run_events WHERE run_id = \(run.id) AND from_status = 'running' AND to_status = 'queued'"
            ).decode(String.self).first { _ in true }
            #expect(detail == "worker stopping")
            #expect(try await client.count("SELECT count(*)::int FROM outbox WHERE routing_key = 'run.queued' AND payload->>'run_id' = \(run.id.uuidString)") == 2)

            // Handed over at every attempt, the run is still never failed as interrupted too often.
            for attempt in 1...3 {
                _ = try #require(try await runs.claim(id: run.id, owner: "w\(attempt)", lease: .seconds(30)))
                #expect(try await runs.handOver(id: run.id, owner: "w\(attempt)")?.attempt == 0)
            }
            let claimed = try #require(try await runs.claim(id: run.id, owner: "w4", lease: .seconds(30)))
            #expect(claimed.attempt == 1)
            _ = try await runs.finish(id: run.id, owner: "w4") { _ in .failed(RunError(code: "x", message: "x")) }
            #expect(try await runs.handOver(id: run.id, owner: "w4") == nil, "a finished run stays finished")
        }
    }

    /// A run queued for longer than the interval gets a reminder for the workers (its own message may have been
    /// dead-lettered or lost), once an interval, and no transition; a run just queued, or running, gets none.
    @Test func runsQueuedTooLongAreRemindedOnceAnInterval() async throws {
        try await withRuns { client, _, fixtures, runs in
            let run = try await runs.create(fixtures.newRun()).run
            #expect(try await runs.remindQueued(after: .seconds(60)).isEmpty, "just queued")
            try await client.query("UPDATE runs SET updated_at = now() - interval '2 minutes' WHERE id = \(run.id)")
            let reminded = try await runs.remindQueued(after: .seconds(60))
            #expect(reminded.map(\.id) == [run.id])
            #expect(reminded.first?.status == .queued)
            func reminders() async throws -> Int {
                try await client.count("SELECT count(*)::int FROM outbox WHERE routing_key = 'reminder.run.queued' AND payload->>'run_id' = \(run.id.uuidString)")
            }
            #expect(try await reminders() == 1)
            #expect(try await runs.remindQueued(after: .seconds(60)).isEmpty, "reminded once an interval")
            #expect(try await client.count("SELECT count(*)::int FROM run_events WHERE run_id = \(run.id)") == 1, "a reminder is no transition")

            _ = try #require(try await runs.claim(id: run.id, owner: "w1", lease: .seconds(30)))
            try await client.query("UPDATE runs SET updated_at = now() - interval '2 minutes' WHERE id = \(run.id)")
            #expect(try await runs.remindQueued(after: .seconds(60)).isEmpty, "a running run is its worker's")
            #expect(try await reminders() == 1)
        }
    }

    @Test func expiredLeasesAreRequeuedThenFailed() async throws {
        try await withRuns { client, logger, fixtures, runs in
            let run = try await runs.create(fixtures.newRun()).run
            _ = try await runs.claim(id: run.id, owner: "dead", lease: .seconds(30))
            #expect(try await runs.recoverExpiredLeases(maxAttempts: 2).isEmpty)
            try await client.query("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = \(run.id)")
            #expect(try await runs.heartbeat(id: run.id, owner: "other", lease: .seconds(30), progress: RunProgress(phase: "x")) == false)
            let requeued = try await runs.recoverExpiredLeases(maxAttempts: 2)
            #expect(requeued.map(\.status) == [.queued])

            _ = try #require(try await runs.claim(id: run.id, owner: "dead-again", lease: .seconds(30)))
            try await client.query("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = \(run.id)")
            let failed = try await runs.recoverExpiredLeases(maxAttempts: 2)
            #expect(failed.map(\.status) == [.failed])
            #expect(failed.first?.error?.code == "worker_lost")
            #expect(try await client.count("SELECT count(*)::int FROM outbox WHERE routing_key = 'run.queued'") == 2)
        }
    }
}
