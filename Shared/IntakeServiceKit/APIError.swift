import Foundation
import Hummingbird
import IntakeDomain

/// A client-facing error: status, machine code and a message about the client's request, never internals.
public struct APIError: Error, Sendable {
    /// Stable machine-readable error codes.
    public struct Code: RawRepresentable, Sendable, Equatable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let invalidRequest = Code(rawValue: "invalid_request")
        public static let unauthorized = Code(rawValue: "unauthorized")
        public static let notFound = Code(rawValue: "not_found")
        public static let conflict = Code(rawValue: "conflict")
        public static let activeRun = Code(rawValue: "active_run")
        public static let idempotencyKeyReused = Code(rawValue: "idempotency_key_reused")
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        public static let unsupportedMediaType = Code(rawValue: "unsupported_media_type")
        public static let internalError = Code(rawValue: "internal_error")
        public static let unavailable = Code(rawValue: "unavailable")
        public static let invalidSignature = Code(rawValue: "invalid_signature")
        public static let uploadExpired = Code(rawValue: "upload_expired")
        public static let uploadUsed = Code(rawValue: "upload_already_used")
        public static let rateLimited = Code(rawValue: "rate_limited")
    }

    public var status: HTTPResponse.Status
    public var code: Code
    public var message: String
    public var activeRunId: UUID?

    public init(_ status: HTTPResponse.Status, _ code: Code, _ message: String, activeRunId: UUID? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.activeRunId = activeRunId
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, .invalidRequest, message) }
    public static func notFound(_ what: String) -> APIError { APIError(.notFound, .notFound, "\(what) not found") }
    public static let unauthorized = APIError(.unauthorized, .unauthorized, "a valid API key is required in the x-api-key header")
    public static let internalError = APIError(.internalServerError, .internalError, "something went wrong on our side; quote the request id when reporting it")

    /// The JSON error response for request `requestId`.
    public func response(requestId: String) -> Response {
        let body = ErrorResponse(error: message, code: code.rawValue, requestId: requestId, activeRunId: activeRunId?.uuidString.lowercased())
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
