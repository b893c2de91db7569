import Foundation
import Hummingbird
import IntakeDomain
import IntakePersistence
import IntakeServiceKit

/// Lists a run's invalid cells, cell by cell, with cursor pagination.
struct InvalidCellsController {
    let companies: PostgresCompanyRepository
    let runs: PostgresRunRepository
    let cells: PostgresInvalidCellRepository

    func addRoutes(to group: RouterGroup<ReportRequestContext>) {
        group.get("companies/:id/imports/:run_id/invalid-cells", use: list)
    }

    @Sendable func list(_ request: Request, context: ReportRequestContext) async throws -> Response {
        let company = try await context.requireCompany(companies)
        guard let runId = context.parameters.get("run_id").flatMap(UUID.init(uuidString:)),
              let run = try await runs.find(id: runId, companyId: company.id)
        else { throw APIError.notFound("import") }
        let query = request.uri.queryParameters
        let limitText = query.get("limit") ?? "100"
        guard let limit = Int(limitText), (1...1000).contains(limit) else {
            throw APIError.badRequest("limit must be between 1 and 1000")
        }
        var cursor: Int64?
        if let text = query.get("cursor") {
            guard let value = Int64(text), value > 0 else { throw APIError.badRequest("cursor is not one this API returned") }
            cursor = value
        }
        let page = try await cells.page(runId: run.id, after: cursor, limit: limit)
        return try JSONResponse.make(.ok, InvalidCellsResponse(cells: page.cells, nextCursor: page.next.map(String.init)))
    }
}
