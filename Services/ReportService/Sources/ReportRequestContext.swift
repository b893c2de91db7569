import Foundation
import Hummingbird
import IntakePersistence
import IntakeServiceKit

/// Per-request state of the report service: the account the gateway vouched for.
public struct ReportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `InternalAuthMiddleware`.
    public var accountId: UUID?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.accountId = nil
    }

    /// The `:id` company, which must belong to the account the gateway vouched for (404 otherwise).
    func requireCompany(_ companies: PostgresCompanyRepository) async throws -> CompanyRecord {
        guard let accountId,
              let companyId = parameters.get("id").flatMap(UUID.init(uuidString:)),
              let company = try await companies.find(id: companyId, accountId: accountId)
        else { throw APIError.notFound("company") }
        return company
    }
}
