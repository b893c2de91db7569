import CZlib
import NIOCore

/// Streaming deflate, as gzip (HTTP `Content-Encoding`) or raw (ZIP entries): feed byte buffers, take
/// compressed buffers. Also keeps the CRC-32 and sizes a ZIP entry needs.
///
/// Not thread-safe; owned by the one task that writes a response body.
final class DeflateEncoder {
    enum Format {
        case gzip
        case raw

        var windowBits: Int32 { self == .gzip ? 15 + 16 : -15 }
    }

    struct Failure: Error {
        let code: Int32
    }

    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 64 * 1024)
    /// CRC-32 of the uncompressed bytes so far.
    private(set) var crc: UInt32 = 0
    private(set) var uncompressedSize = 0
    private(set) var compressedSize = 0

    init(format: Format, level: Int32 = 6) throws {
        let status = intake_deflate_init(&stream, level, format.windowBits)
        guard status == Z_OK else { throw Failure(code: status) }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// Compresses `input`; returns whatever compressed output zlib has ready (possibly none).
    func compress(_ input: ByteBuffer) throws -> ByteBuffer {
        try run(input, flush: Z_NO_FLUSH)
    }

    /// Ends the stream: the remaining output and the gzip trailer.
    func finish() throws -> ByteBuffer {
        try run(ByteBuffer(), flush: Z_FINISH)
    }

    private func run(_ input: ByteBuffer, flush: Int32) throws -> ByteBuffer {
        var result = ByteBuffer()
        var bytes = Array(input.readableBytesView)
        if !bytes.isEmpty {
            uncompressedSize += bytes.count
            crc = bytes.withUnsafeBufferPointer { UInt32(crc32(uLong(crc), $0.baseAddress, uInt($0.count))) }
        }
        try bytes.withUnsafeMutableBufferPointer { inputPointer in
            stream.next_in = inputPointer.baseAddress
            stream.avail_in = UInt32(inputPointer.count)
            repeat {
                let produced: Int = try output.withUnsafeMutableBufferPointer { outputPointer in
                    stream.next_out = outputPointer.baseAddress
                    stream.avail_out = UInt32(outputPointer.count)
                    let status = deflate(&stream, flush)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure(code: status) }
                    return outputPointer.count - Int(stream.avail_out)
                }
                result.writeBytes(output[0..<produced])
            } while stream.avail_out == 0
        }
        stream.next_in = nil
        compressedSize += result.readableBytes
        return result
    }
}
