import Foundation
import IntakeDomain
import IntakePersistence
import Logging
import PostgresNIO

/// An account with a template, a plan and a company, the minimum a run needs.
struct Fixtures {
    let accountId: UUID
    let template: Template
    let plan: PlanRecord
    let company: CompanyRecord

    static func make(client: PostgresClient, logger: Logger) async throws -> Fixtures {
        let (accountId, _) = try await PostgresAccountRepository(client: client, logger: logger).createAccount(name: "Test")
        let template = try await PostgresTemplateRepository(client: client, logger: logger)
            .create(accountId: accountId, name: "T", columns: [TemplateColumn(key: "email", type: .email)])
        let plan = try await PostgresPlanRepository(client: client, logger: logger)
            .create(accountId: accountId, spec: PlanSpec(name: "P", sheets: [SheetSpec(key: "s", templateId: template.id)]))
        let company = try await PostgresCompanyRepository(client: client, logger: logger)
            .create(accountId: accountId, name: "C", externalId: nil, planId: plan.id)
        return Fixtures(accountId: accountId, template: template, plan: plan, company: company)
    }

    func newRun(key: String? = nil, hash: String = "h1") -> NewRun {
        NewRun(
            accountId: accountId, companyId: company.id, planId: plan.id, planVersion: 1, review: .gate,
            input: .rows(blob: UUID(), sheet: "s"), inlineRows: Array(#"{"headers":["email"],"records":[["a@example.com"]]}"#.utf8),
            idempotencyKey: key, requestHash: hash
        )
    }
}

extension PostgresClient {
    func count(_ query: PostgresQuery) async throws -> Int {
        try await self.query(query).decode(Int.self).first { _ in true } ?? -1
    }
}
