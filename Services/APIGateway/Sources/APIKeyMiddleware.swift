import Hummingbird
import IntakeServiceKit
import IntakePersistence

/// Authenticates `/v1` requests by `x-api-key` (or `anx-api-key`) and records the account on the context.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = GatewayRequestContext

    let accounts: PostgresAccountRepository

    public init(accounts: PostgresAccountRepository) {
        self.accounts = accounts
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let header = request.headers[.init("x-api-key")!] ?? request.headers[.init("anx-api-key")!]
        guard let key = header, !key.isEmpty, key.count <= 256,
              let accountId = try await accounts.accountId(forKey: APIKey(plaintext: key))
        else { throw APIError.unauthorized }
        var context = context
        context.accountId = accountId
        return try await next(request, context)
    }
}
