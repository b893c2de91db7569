import Hummingbird
import IntakeServiceKit
import IntakePersistence

/// Authenticates `/v1` requests by `x-api-key` (or `anx-api-key`) and records the account on the context.
/// A key found live is remembered for `cacheTTL` (by digest, never the key itself), so a client polling
/// hard costs one SHA-256 rather than a query each time; a revoked key stops working within that time.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = GatewayRequestContext

    let accounts: PostgresAccountRepository
    let cache: APIKeyCache

    public init(accounts: PostgresAccountRepository, cacheTTL: Duration = .seconds(5)) {
        self.accounts = accounts
        self.cache = APIKeyCache(ttl: cacheTTL)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let header = request.headers[.init("x-api-key")!] ?? request.headers[.init("anx-api-key")!]
        guard let key = header, !key.isEmpty, key.count <= 256 else { throw APIError.unauthorized }
        let apiKey = APIKey(plaintext: key)
        var found = cache.account(for: apiKey.digest)
        if found == nil, let live = try await accounts.accountId(forKey: apiKey) {
            cache.remember(apiKey.digest, account: live)
            found = live
        }
        guard let accountId = found else { throw APIError.unauthorized }
        var context = context
        context.accountId = accountId
        return try await next(request, context)
    }
}
