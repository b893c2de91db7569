import Foundation
import Hummingbird
import IntakeServiceKit
import IntakePersistence

/// Per-request state of the gateway: the authenticated account, and JSON coding in the API's style.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `APIKeyMiddleware` on every `/v1` route.
    public var accountId: UUID?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.accountId = nil
    }

    public var responseEncoder: JSONEncoder { JSONText.encoder }
    public var requestDecoder: JSONDecoder { JSONText.decoder }

    /// The authenticated account; routes behind `APIKeyMiddleware` always have one.
    public func requireAccount() throws -> UUID {
        guard let accountId else { throw APIError.unauthorized }
        return accountId
    }
}
