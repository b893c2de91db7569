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
        return try JSONText.decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
