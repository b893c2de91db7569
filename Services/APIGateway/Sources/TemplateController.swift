import Foundation
import Hummingbird
import IntakeServiceKit
import IntakeDomain
import IntakeEngine
import IntakePersistence

/// `/v1/templates`: target schemas.
struct TemplateController {
    let templates: PostgresTemplateRepository
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.post("templates", use: create)
        group.get("templates", use: list)
        group.get("templates/:id", use: show)
    }

    @Sendable func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let body = try await request.decodeJSON(CreateTemplateRequest.self, limit: maxBodyBytes)
        do {
            try PlanValidator.validate(templateName: body.name, columns: body.columns)
        } catch {
            throw APIError.badRequest(error.message)
        }
        let template = try await templates.create(accountId: accountId, name: body.name, columns: body.columns)
        return try JSONResponse.make(.created, template)
    }

    @Sendable func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        try JSONResponse.make(.ok, Page(data: try await templates.list(accountId: try context.requireAccount()), nextCursor: nil))
    }

    @Sendable func show(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        guard let template = try await templates.find(id: id, accountId: try context.requireAccount()) else {
            throw APIError.notFound("template")
        }
        return try JSONResponse.make(.ok, template)
    }
}
