import NIOCore

/// Consecutive rows of one sheet of a run, packed as one `sheet_row_blocks` row.
///
/// `data` holds, per row: its source record number (8 bytes, big-endian), flags (1 byte: 1 = invalid), the
/// length of its record (4 bytes, big-endian) and the record itself, its canonical CSV line in UTF-8 without a
/// line end. The `sheet_rows` view unpacks the same layout in SQL (`sheet_block_rows`).
public struct RowBlock: Sendable {
    static let headerBytes = 13

    public let sheet: String
    /// Position of the block in its sheet, from 0.
    public let index: Int
    public private(set) var data = ByteBuffer()
    public private(set) var firstRow = 0
    public private(set) var lastRow = 0
    public private(set) var rowCount = 0
    public private(set) var invalidCount = 0

    public init(sheet: String, index: Int, capacity: Int = 0) {
        self.sheet = sheet
        self.index = index
        data.reserveCapacity(capacity)
    }

    /// Appends a row whose record `writeRecord` writes into the block's buffer.
    public mutating func append(number: Int, invalid: Bool, writeRecord: (inout ByteBuffer) -> Void) {
        if rowCount == 0 { firstRow = number }
        lastRow = number
        rowCount += 1
        if invalid { invalidCount += 1 }
        data.writeInteger(Int64(number))
        data.writeInteger(UInt8(invalid ? 1 : 0))
        let lengthAt = data.writerIndex
        data.writeInteger(UInt32(0))
        let start = data.writerIndex
        writeRecord(&data)
        data.setInteger(UInt32(data.writerIndex - start), at: lengthAt)
    }

    /// Calls `body` with each row of a stored block's `data`, in order; the record is a view into `data`.
    public static func forEachRow(
        in data: ByteBuffer, _ body: (_ number: Int, _ invalid: Bool, _ record: ByteBufferView) throws -> Void
    ) throws {
        var data = data
        while data.readableBytes > 0 {
            guard let number = data.readInteger(as: Int64.self), let flags = data.readInteger(as: UInt8.self),
                  let length = data.readInteger(as: UInt32.self), let record = data.readSlice(length: Int(length))
            else { throw CorruptRowBlock(remainingBytes: data.readableBytes) }
            try body(Int(number), flags & 1 == 1, record.readableBytesView)
        }
    }
}

/// A stored block whose bytes end inside a row: written by something else, or damaged.
public struct CorruptRowBlock: Error, CustomStringConvertible {
    public let remainingBytes: Int
    public var description: String { "a stored row block ends inside a row (\(remainingBytes) bytes left over)" }
}
