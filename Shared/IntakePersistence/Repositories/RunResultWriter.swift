import Foundation
import IntakeDomain
import Logging
import PostgresNIO

/// Writes one run's rows (in blocks) and invalid cells (with `COPY FROM STDIN`) inside the run's result transaction.
public struct RunResultWriter: Sendable {
    let connection: PostgresConnection
    let runId: UUID
    let logger: Logger

    /// Stores one block of rows. The block travels as a binary `bytea` parameter: Postgres neither parses
    /// nor unescapes it.
    public func insert(_ block: RowBlock) async throws {
        try await connection.query(
            """
            INSERT INTO sheet_row_blocks (run_id, sheet, block, first_row, last_row, row_count, invalid_count, data)
            VALUES (\(runId), \(block.sheet), \(Int32(block.index)), \(Int64(block.firstRow)), \(Int64(block.lastRow)),
                    \(Int32(block.rowCount)), \(Int32(block.invalidCount)), \(block.data))
            """,
            logger: logger
        )
    }

    /// Writes invalid cells already encoded as COPY text lines (see `appendCopyLine(cell:)`).
    public func copyCells(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        try await connection.copyFrom(table: "invalid_cells", columns: ["run_id", "sheet", "row_number", "column_key", "value", "code", "message"], logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// Appends one `invalid_cells` COPY line for this run.
    public func appendCopyLine(cell: InvalidCell, to buffer: inout ByteBuffer) {
        buffer.writeString(runId.uuidString)
        for field in [cell.sheet, String(cell.row), cell.column, cell.value, cell.code.rawValue, cell.message] {
            buffer.writeInteger(UInt8(ascii: "\t"))
            Self.writeCopyField(field, to: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    /// Marks the point a sheet's rows start from.
    public func savepoint() async throws {
        try await connection.query("SAVEPOINT sheet_rows", logger: logger)
    }

    /// Drops every row and cell written since `savepoint()`.
    public func rollbackToSavepoint() async throws {
        try await connection.query("ROLLBACK TO SAVEPOINT sheet_rows", logger: logger)
    }

    public func releaseSavepoint() async throws {
        try await connection.query("RELEASE SAVEPOINT sheet_rows", logger: logger)
    }

    /// Escapes a value for COPY's text format: backslash, tab, newline and carriage return. NUL, which
    /// Postgres text cannot hold, becomes U+FFFD so the loss stays visible.
    public static func writeCopyField(_ value: String, to buffer: inout ByteBuffer) {
        var plain = true
        for byte in value.utf8 where byte == 0 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            plain = false
            break
        }
        if plain {
            buffer.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0: buffer.writeBytes([0xEF, 0xBF, 0xBD])
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
