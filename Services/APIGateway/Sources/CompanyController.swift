import Foundation
import Hummingbird
import IntakeServiceKit
import IntakeDomain
import IntakePersistence

/// `/v1/companies`: the customers being onboarded.
struct CompanyController {
    let companies: PostgresCompanyRepository
    let plans: PostgresPlanRepository
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.post("companies", use: create)
        group.get("companies", use: list)
        group.get("companies/:id", use: show)
    }

    @Sendable func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let body = try await request.decodeJSON(CreateCompanyRequest.self, limit: maxBodyBytes)
        guard !body.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.badRequest("name must not be empty") }
        if let externalId = body.externalId, externalId.isEmpty || externalId.count > 255 {
            throw APIError.badRequest("external_id must be 1 to 255 characters")
        }
        guard try await plans.findCurrent(id: body.planId, accountId: accountId) != nil else {
            throw APIError.badRequest("plan_id names no plan of this account")
        }
        do {
            let record = try await companies.create(accountId: accountId, name: body.name, externalId: body.externalId, planId: body.planId)
            return try JSONResponse.make(.created, CompanyEnvelope(company: Self.response(record)))
        } catch is PostgresCompanyRepository.DuplicateExternalID {
            throw APIError(.conflict, .conflict, "another company already has external_id \"\(body.externalId ?? "")\"")
        }
    }

    @Sendable func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 50
        guard (1...200).contains(limit) else { throw APIError.badRequest("limit must be between 1 and 200") }
        var cursor: UUID?
        if let text = request.uri.queryParameters.get("cursor") {
            guard let id = UUID(uuidString: text) else { throw APIError.badRequest("cursor is not one this API returned") }
            cursor = id
        }
        let records = try await companies.list(accountId: try context.requireAccount(), after: cursor, limit: limit)
        let next = records.count == limit ? records.last?.id.uuidString.lowercased() : nil
        return try JSONResponse.make(.ok, Page(data: records.map(Self.response), nextCursor: next))
    }

    @Sendable func show(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let record = try await companies.find(id: try context.parameters.requireID(what: "company"), accountId: try context.requireAccount()) else {
            throw APIError.notFound("company")
        }
        return try JSONResponse.make(.ok, CompanyEnvelope(company: Self.response(record)))
    }

    static func response(_ record: CompanyRecord) -> CompanyResponse {
        CompanyResponse(id: record.id, name: record.name, externalId: record.externalId, planId: record.planId, createdAt: record.createdAt)
    }
}
