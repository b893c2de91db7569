import Foundation
import Hummingbird
import IntakeServiceKit
import IntakeDomain
import IntakeEngine
import IntakePersistence

/// `/v1/plans`: versioned import plans.
struct PlanController {
    let plans: PostgresPlanRepository
    let templates: PostgresTemplateRepository
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.post("plans", use: create)
        group.get("plans/:id", use: show)
        group.get("plans/:id/versions", use: versions)
        group.get("plans/:id/versions/:version", use: version)
    }

    @Sendable func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let spec = try await request.decodeJSON(PlanSpec.self, limit: maxBodyBytes)
        var owned: [UUID: Template] = [:]
        for templateId in Set(spec.sheets.map(\.templateId)) {
            if let template = try await templates.find(id: templateId, accountId: accountId) { owned[templateId] = template }
        }
        do {
            try PlanValidator.validate(plan: spec, templates: owned)
        } catch {
            throw APIError.badRequest(error.message)
        }
        let record = try await plans.create(accountId: accountId, spec: spec)
        return try JSONResponse.make(.created, Self.response(record))
    }

    @Sendable func show(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let record = try await plans.findCurrent(id: try context.parameters.requireID(what: "plan"), accountId: try context.requireAccount()) else {
            throw APIError.notFound("plan")
        }
        return try JSONResponse.make(.ok, Self.response(record))
    }

    @Sendable func versions(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let records = try await plans.versions(id: try context.parameters.requireID(what: "plan"), accountId: try context.requireAccount())
        guard !records.isEmpty else { throw APIError.notFound("plan") }
        return try JSONResponse.make(.ok, Page(data: records.map(Self.response), nextCursor: nil))
    }

    @Sendable func version(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let records = try await plans.versions(id: try context.parameters.requireID(what: "plan"), accountId: try context.requireAccount())
        guard let number = context.parameters.get("version", as: Int.self),
              let record = records.first(where: { $0.version == number })
        else { throw APIError.notFound("plan version") }
        return try JSONResponse.make(.ok, Self.response(record))
    }

    static func response(_ record: PlanRecord) -> PlanResponse {
        PlanResponse(id: record.id, version: record.version, spec: record.spec, createdFromRun: record.createdFromRun, createdAt: record.createdAt)
    }
}
