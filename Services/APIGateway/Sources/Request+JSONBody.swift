import Foundation
import Hummingbird
import IntakeServiceKit
import IntakePersistence
import NIOCore

extension Request {
    /// Collects at most `limit` bytes (413 beyond) and decodes them as `type`.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, .payloadTooLarge, "the request body is larger than the \(limit) bytes this endpoint accepts")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request body must be a JSON object") }
        if Self.containsEscapedNUL(buffer.readableBytesView) {
            throw APIError.badRequest("strings must not contain the NUL character (\\u0000)")
        }
        return try JSONText.decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// Whether JSON text holds the escape `\u0000` (a NUL character, which Postgres text cannot store).
    static func containsEscapedNUL(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else { continue }
            guard let escaped = iterator.next() else { return false }
            guard escaped == UInt8(ascii: "u") else { continue }
            var zeros = 0
            while zeros < 4, let digit = iterator.next() {
                guard digit == UInt8(ascii: "0") else { break }
                zeros += 1
            }
            if zeros == 4 { return true }
        }
        return false
    }
}
