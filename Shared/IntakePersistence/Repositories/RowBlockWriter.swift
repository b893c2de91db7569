import AsyncAlgorithms
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Inserts a run's row blocks beside whatever produces them: the producer sends a block and goes on with the
/// next while this inserts it (each handed over when Postgres has taken the previous one: a rendezvous), so
/// healing on the worker's core overlaps with Postgres' own work on another, and memory holds two blocks.
///
/// Blocks travel as binary `bytea` parameters: Postgres neither parses nor unescapes them.
public final class RowBlockWriter: Sendable {
    private let channel = AsyncChannel<RowBlock>()
    private let failure = FailureBox()
    private let task: Task<Void, any Error>

    init(connection: PostgresConnection, runId: UUID, logger: Logger) {
        let channel = self.channel
        let failure = self.failure
        task = Task {
            do {
                for await block in channel {
                    try await connection.query(
                        """
                        INSERT INTO sheet_row_blocks (run_id, sheet, block, first_row, last_row, row_count, invalid_count, data)
                        VALUES (\(runId), \(block.sheet), \(Int32(block.index)), \(Int64(block.firstRow)), \(Int64(block.lastRow)),
                                \(Int32(block.rowCount)), \(Int32(block.invalidCount)), \(block.data))
                        """,
                        logger: logger
                    )
                }
            } catch {
                failure.value.withLock { $0 = error }
                for await _ in channel {}
                throw error
            }
        }
    }

    /// Hands `block` to the writer; throws the writer's error once it has failed.
    public func send(_ block: RowBlock) async throws {
        if let error = failure.value.withLock({ $0 }) { throw error }
        await channel.send(block)
        if let error = failure.value.withLock({ $0 }) { throw error }
    }

    /// Waits until every block sent is stored.
    public func finish() async throws {
        channel.finish()
        try await task.value
    }

    /// Stops after a failure elsewhere, ignoring the outcome (the transaction is rolled back anyway).
    public func abandon() async {
        channel.finish()
        _ = try? await task.value
    }
}

/// The writer's error, shared by the task that meets it and the producer that must hear of it.
private final class FailureBox: Sendable {
    let value = Mutex<(any Error)?>(nil)
}
