import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// Reads a run's invalid cells in source order, a page at a time.
public struct PostgresInvalidCellRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Up to `limit` cells after `cursor` (an opaque position from the previous page), and the next cursor.
    public func page(runId: UUID, after cursor: Int64?, limit: Int) async throws -> (cells: [InvalidCell], next: Int64?) {
        let rows = try await client.query(
            """
            SELECT id, sheet, row_number, column_key, value, code, message FROM invalid_cells
            WHERE run_id = \(runId) AND id > \(cursor ?? 0) ORDER BY id LIMIT \(limit + 1)
            """,
            logger: logger
        ).decode((Int64, String, Int64, String, String, String, String).self)
        var cells: [InvalidCell] = []
        var ids: [Int64] = []
        for try await (id, sheet, row, column, value, code, message) in rows {
            ids.append(id)
            cells.append(InvalidCell(sheet: sheet, row: Int(row), column: column, value: value, code: .init(rawValue: code), message: message))
        }
        guard cells.count > limit else { return (cells, nil) }
        return (Array(cells.prefix(limit)), ids[limit - 1])
    }
}
