import Foundation
import Hummingbird

/// Per-request state of the report service: the account the gateway vouched for.
public struct ReportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `InternalAuthMiddleware`.
    public var accountId: UUID?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.accountId = nil
    }
}
