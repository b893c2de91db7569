import Foundation
import Hummingbird
import IntakeDomain

/// Turns every error into the API's JSON error body and stamps `x-request-id` on every response.
///
/// Unexpected errors are logged with the request id and answered 500 without detail.
public struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response(requestId: context.id)
        } catch let error as DecodingError {
            response = APIError.badRequest(DecodingErrorMessage.describe(error)).response(requestId: context.id)
        } catch let error as HTTPError {
            response = Self.translate(error).response(requestId: context.id)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            response = APIError.internalError.response(requestId: context.id)
        }
        response.headers[.init("x-request-id")!] = context.id
        return response
    }

    static func translate(_ error: HTTPError) -> APIError {
        switch error.status {
        case .contentTooLarge: APIError(.contentTooLarge, .payloadTooLarge, error.body ?? "the request body is larger than this endpoint accepts")
        case .notFound: APIError(.notFound, .notFound, "no such route")
        case .methodNotAllowed: APIError(.methodNotAllowed, .invalidRequest, "this method is not allowed on this route")
        case .unauthorized: APIError.unauthorized
        default:
            if error.status.code >= 500 { APIError.internalError }
            else { APIError(error.status, .invalidRequest, error.body ?? error.status.reasonPhrase) }
        }
    }
}

/// Client-readable descriptions of JSON decoding failures, naming the field by its path.
enum DecodingErrorMessage {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(path(context.codingPath + [key]))\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field \"\(path(context.codingPath))\" has the wrong type"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON" }
            return "field \"\(path(context.codingPath))\" has an invalid value"
        @unknown default:
            return "the body could not be read"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            .joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
