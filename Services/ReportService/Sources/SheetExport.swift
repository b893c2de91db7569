import Foundation
import IntakeDomain
import IntakeEngine
import IntakePersistence
import Logging
import PostgresNIO

/// One sheet of an export: its CSV header and the stored rows the filter selects, streamed in source order.
struct SheetExport: Sendable {
    let sheet: SheetSpec
    let columns: [String]
    let runId: UUID
    let filter: ExportFilter
    let counts: RunReport.Sheet?

    var fileName: String { "\(sheet.key)-\(filter.rawValue).csv" }

    var total: Int {
        switch filter {
        case .valid: (counts?.rows ?? 0) - (counts?.invalidRows ?? 0)
        case .invalid: counts?.invalidRows ?? 0
        case .all: counts?.rows ?? 0
        }
    }

    /// The sheet's row blocks holding at least one row the filter selects, in order.
    var query: PostgresQuery {
        switch filter {
        case .valid: "SELECT data FROM sheet_row_blocks WHERE run_id = \(runId) AND sheet = \(sheet.key) AND invalid_count < row_count ORDER BY block"
        case .invalid: "SELECT data FROM sheet_row_blocks WHERE run_id = \(runId) AND sheet = \(sheet.key) AND invalid_count > 0 ORDER BY block"
        case .all: "SELECT data FROM sheet_row_blocks WHERE run_id = \(runId) AND sheet = \(sheet.key) ORDER BY block"
        }
    }

    /// Emits the CSV (CRLF line ends) a stored block at a time, in buffers of at least 64 KiB.
    func stream(client: PostgresClient, logger: Logger, emit: (ByteBuffer) async throws -> Void) async throws {
        var buffer = ByteBuffer(string: CSVRecordWriter.record(columns) + "\r\n")
        for try await data in try await client.query(query, logger: logger).decode(ByteBuffer.self) {
            try RowBlock.forEachRow(in: data) { _, invalid, record in
                guard filter.selects(invalid: invalid) else { return }
                buffer.writeBytes(record)
                buffer.writeStaticString("\r\n")
            }
            if buffer.readableBytes >= 64 * 1024 {
                try await emit(buffer)
                buffer.clear()
            }
        }
        try await emit(buffer)
    }
}
