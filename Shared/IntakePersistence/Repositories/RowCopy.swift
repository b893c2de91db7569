import AsyncAlgorithms
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A `COPY sheet_rows FROM STDIN` that runs beside whatever produces the rows: the producer sends buffers of
/// COPY text lines, each handed over when Postgres has taken the previous one (a rendezvous), so parsing and
/// healing on the worker's core overlap with Postgres' own work on another, and memory holds two buffers.
public final class RowCopy: Sendable {
    private let channel = AsyncChannel<ByteBuffer>()
    private let failure = FailureBox()
    private let task: Task<Void, any Error>

    init(connection: PostgresConnection, logger: Logger) {
        let channel = self.channel
        let failure = self.failure
        task = Task {
            do {
                try await connection.copyFrom(table: "sheet_rows", columns: ["run_id", "sheet", "row_number", "invalid", "csv_record"], logger: logger) { writer in
                    for await buffer in channel {
                        try await writer.write(buffer)
                    }
                }
            } catch {
                failure.value.withLock { $0 = error }
                for await _ in channel {}
                throw error
            }
        }
    }

    /// Hands `buffer` to the COPY; throws the COPY's error once it has failed.
    public func send(_ buffer: ByteBuffer) async throws {
        if let error = failure.value.withLock({ $0 }) { throw error }
        await channel.send(buffer)
        if let error = failure.value.withLock({ $0 }) { throw error }
    }

    /// Ends the COPY and waits for Postgres to confirm it.
    public func finish() async throws {
        channel.finish()
        try await task.value
    }

    /// Ends the COPY after a failure elsewhere, ignoring its outcome (the transaction is rolled back anyway).
    public func abandon() async {
        channel.finish()
        _ = try? await task.value
    }
}

/// The COPY's error, shared by the task that meets it and the producer that must hear of it.
private final class FailureBox: Sendable {
    let value = Mutex<(any Error)?>(nil)
}
