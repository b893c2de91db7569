import Foundation
import IntakeDomain
import IntakeEngine
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

    var query: PostgresQuery {
        switch filter {
        case .valid: "SELECT csv_record FROM sheet_rows WHERE run_id = \(runId) AND sheet = \(sheet.key) AND NOT invalid ORDER BY row_number"
        case .invalid: "SELECT csv_record FROM sheet_rows WHERE run_id = \(runId) AND sheet = \(sheet.key) AND invalid ORDER BY row_number"
        case .all: "SELECT csv_record FROM sheet_rows WHERE run_id = \(runId) AND sheet = \(sheet.key) ORDER BY row_number"
        }
    }

    /// Emits the CSV (CRLF line ends) in buffers of about 64 KiB.
    func stream(client: PostgresClient, logger: Logger, emit: (ByteBuffer) async throws -> Void) async throws {
        var buffer = ByteBuffer(string: CSVRecordWriter.record(columns) + "\r\n")
        for try await record in try await client.query(query, logger: logger).decode(String.self) {
            buffer.writeString(record)
            buffer.writeStaticString("\r\n")
            if buffer.readableBytes >= 64 * 1024 {
                try await emit(buffer)
                buffer.clear()
            }
        }
        try await emit(buffer)
    }
}
