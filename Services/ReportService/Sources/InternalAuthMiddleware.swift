import Foundation
import Hummingbird
import IntakePersistence
import IntakeServiceKit

/// Admits only the gateway: a bearer token equal (in constant time) to the shared internal token, and the
/// account the gateway authenticated in `x-intake-account`.
struct InternalAuthMiddleware: RouterMiddleware {
    typealias Context = ReportRequestContext

    let expectedToken: [UInt8]

    init(token: String) {
        self.expectedToken = Array("Bearer \(token)".utf8)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let presented = Array((request.headers[.authorization] ?? "").utf8)
        guard APIKey.digestsEqual(presented, expectedToken),
              let account = request.headers[.init("x-intake-account")!].flatMap(UUID.init(uuidString:))
        else { throw APIError.unauthorized }
        var context = context
        context.accountId = account
        return try await next(request, context)
    }
}
