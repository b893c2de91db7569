import Hummingbird
import IntakeServiceKit

/// Applies the per-key token bucket to `/v1` requests and advertises it in `RateLimit-*` headers;
/// refused requests get 429 with `Retry-After`.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let key = request.headers[.init("x-api-key")!] ?? request.headers[.init("anx-api-key")!] ?? "anonymous"
        let decision = limiter.take(key: key)
        guard decision.allowed else {
            var response = APIError(.tooManyRequests, .rateLimited, "too many requests for this API key; retry after \(decision.retryAfterSeconds) s")
                .response(requestId: context.id)
            response.headers[.retryAfter] = String(decision.retryAfterSeconds)
            addHeaders(decision, to: &response)
            return response
        }
        var response = try await next(request, context)
        addHeaders(decision, to: &response)
        return response
    }

    private func addHeaders(_ decision: RateLimiter.Decision, to response: inout Response) {
        response.headers[.init("RateLimit-Limit")!] = String(limiter.burst)
        response.headers[.init("RateLimit-Remaining")!] = String(decision.remaining)
        response.headers[.init("RateLimit-Reset")!] = String(decision.resetSeconds)
    }
}
