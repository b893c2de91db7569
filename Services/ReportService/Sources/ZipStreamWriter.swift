import NIOCore

/// Writes a ZIP archive as a stream: each entry deflated on the fly, sizes and CRC in a data descriptor
/// after the data, the central directory at the end. Nothing but the directory is held in memory.
/// Entries and the archive must stay under 4 GiB (no ZIP64).
struct ZipStreamWriter {
    struct Entry {
        var name: [UInt8]
        var offset: Int
        var crc: UInt32 = 0
        var compressedSize = 0
        var uncompressedSize = 0
    }

    private var entries: [Entry] = []
    private var offset = 0
    private var encoder: DeflateEncoder?

    /// Starts an entry; returns the local file header to send.
    mutating func beginEntry(name: String) throws -> ByteBuffer {
        entries.append(Entry(name: Array(name.utf8), offset: offset))
        encoder = try DeflateEncoder(format: .raw)
        var header = ByteBuffer()
        header.writeInteger(UInt32(0x0403_4B50), endianness: .little)
        header.writeInteger(UInt16(20), endianness: .little)
        header.writeInteger(Self.flags, endianness: .little)
        header.writeInteger(UInt16(8), endianness: .little)
        header.writeInteger(Self.dosTime, endianness: .little)
        header.writeInteger(Self.dosDate, endianness: .little)
        header.writeInteger(UInt32(0), endianness: .little)
        header.writeInteger(UInt32(0), endianness: .little)
        header.writeInteger(UInt32(0), endianness: .little)
        header.writeInteger(UInt16(entries[entries.count - 1].name.count), endianness: .little)
        header.writeInteger(UInt16(0), endianness: .little)
        header.writeBytes(entries[entries.count - 1].name)
        offset += header.readableBytes
        return header
    }

    /// Compresses part of the current entry's content; returns what to send (possibly empty).
    mutating func write(_ content: ByteBuffer) throws -> ByteBuffer {
        let out = try encoder!.compress(content)
        offset += out.readableBytes
        return out
    }

    /// Ends the current entry; returns its last compressed bytes and data descriptor.
    mutating func endEntry() throws -> ByteBuffer {
        var out = try encoder!.finish()
        let encoder = self.encoder!
        self.encoder = nil
        entries[entries.count - 1].crc = encoder.crc
        entries[entries.count - 1].compressedSize = encoder.compressedSize
        entries[entries.count - 1].uncompressedSize = encoder.uncompressedSize
        out.writeInteger(UInt32(0x0807_4B50), endianness: .little)
        out.writeInteger(encoder.crc, endianness: .little)
        out.writeInteger(UInt32(truncatingIfNeeded: encoder.compressedSize), endianness: .little)
        out.writeInteger(UInt32(truncatingIfNeeded: encoder.uncompressedSize), endianness: .little)
        offset += out.readableBytes
        return out
    }

    /// The central directory and end record.
    func finish() -> ByteBuffer {
        var directory = ByteBuffer()
        for entry in entries {
            directory.writeInteger(UInt32(0x0201_4B50), endianness: .little)
            directory.writeInteger(UInt16(20), endianness: .little)
            directory.writeInteger(UInt16(20), endianness: .little)
            directory.writeInteger(Self.flags, endianness: .little)
            directory.writeInteger(UInt16(8), endianness: .little)
            directory.writeInteger(Self.dosTime, endianness: .little)
            directory.writeInteger(Self.dosDate, endianness: .little)
            directory.writeInteger(entry.crc, endianness: .little)
            directory.writeInteger(UInt32(truncatingIfNeeded: entry.compressedSize), endianness: .little)
            directory.writeInteger(UInt32(truncatingIfNeeded: entry.uncompressedSize), endianness: .little)
            directory.writeInteger(UInt16(entry.name.count), endianness: .little)
            directory.writeInteger(UInt16(0), endianness: .little)
            directory.writeInteger(UInt16(0), endianness: .little)
            directory.writeInteger(UInt16(0), endianness: .little)
            directory.writeInteger(UInt16(0), endianness: .little)
            directory.writeInteger(UInt32(0), endianness: .little)
            directory.writeInteger(UInt32(truncatingIfNeeded: entry.offset), endianness: .little)
            directory.writeBytes(entry.name)
        }
        let size = directory.readableBytes
        directory.writeInteger(UInt32(0x0605_4B50), endianness: .little)
        directory.writeInteger(UInt16(0), endianness: .little)
        directory.writeInteger(UInt16(0), endianness: .little)
        directory.writeInteger(UInt16(entries.count), endianness: .little)
        directory.writeInteger(UInt16(entries.count), endianness: .little)
        directory.writeInteger(UInt32(size), endianness: .little)
        directory.writeInteger(UInt32(truncatingIfNeeded: offset), endianness: .little)
        directory.writeInteger(UInt16(0), endianness: .little)
        return directory
    }

    /// Data descriptor follows the data (bit 3); names are UTF-8 (bit 11).
    private static let flags: UInt16 = 0x0808
    /// 2000-01-01 00:00, a fixed stamp: exports are content, not files with a history.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = UInt16((2000 - 1980) << 9 | 1 << 5 | 1)
}
