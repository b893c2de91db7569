import Foundation
import Hummingbird
import IntakeDomain
import IntakeEngine
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO

/// Streams a run's rows as CSV: a header of the template's column keys, then canonical records in source order.
struct ExportController {
    let client: PostgresClient
    let companies: PostgresCompanyRepository
    let runs: PostgresRunRepository
    let plans: PostgresPlanRepository
    let templates: PostgresTemplateRepository
    let logger: Logger

    func addRoutes(to group: RouterGroup<ReportRequestContext>) {
        group.get("companies/:id/export.csv", use: export)
    }

    @Sendable func export(_ request: Request, context: ReportRequestContext) async throws -> Response {
        guard let accountId = context.accountId,
              let companyId = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let company = try await companies.find(id: companyId, accountId: accountId)
        else { throw APIError.notFound("company") }
        let query = request.uri.queryParameters
        let filterText = query.get("filter") ?? "valid"
        guard let filter = ExportFilter(rawValue: filterText) else {
            throw APIError.badRequest("filter must be valid, invalid or all")
        }
        let run = try await resolveRun(company: company, runIdText: query.get("run_id"))
        guard let plan = try await plans.find(id: run.planId, version: run.planVersion) else { throw APIError.notFound("plan version") }
        let sheet: SheetSpec
        if let key = query.get("sheet") {
            guard let match = plan.spec.sheets.first(where: { $0.key == key }) else {
                throw APIError.badRequest("sheet \"\(key)\" is not a sheet of this run's plan")
            }
            sheet = match
        } else if plan.spec.sheets.count == 1 {
            sheet = plan.spec.sheets[0]
        } else {
            throw APIError.badRequest("this plan has several sheets; name one with sheet=")
        }
        guard let template = try await templates.find(ids: [sheet.templateId])[sheet.templateId] else {
            throw APIError.notFound("template")
        }
        let counts = run.report?.sheets.first { $0.sheet == sheet.key }
        let total: Int = switch filter {
        case .valid: (counts?.rows ?? 0) - (counts?.invalidRows ?? 0)
        case .invalid: counts?.invalidRows ?? 0
        case .all: counts?.rows ?? 0
        }
        let header = CSVRecordWriter.record(template.columns.map(\.key)) + "\r\n"
        let rowsQuery: PostgresQuery = switch filter {
        case .valid: "SELECT csv_record FROM sheet_rows WHERE run_id = \(run.id) AND sheet = \(sheet.key) AND NOT invalid ORDER BY row_number"
        case .invalid: "SELECT csv_record FROM sheet_rows WHERE run_id = \(run.id) AND sheet = \(sheet.key) AND invalid ORDER BY row_number"
        case .all: "SELECT csv_record FROM sheet_rows WHERE run_id = \(run.id) AND sheet = \(sheet.key) ORDER BY row_number"
        }
        let client = self.client
        let logger = self.logger
        let filename = "\(sheet.key)-\(filter.rawValue).csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\"",
                .init("X-Total-Records")!: String(total),
                .init("X-Run-Id")!: run.id.uuidString.lowercased(),
            ],
            body: ResponseBody { writer in
                var buffer = ByteBuffer(string: header)
                for try await record in try await client.query(rowsQuery, logger: logger).decode(String.self) {
                    buffer.writeString(record)
                    buffer.writeStaticString("\r\n")
                    if buffer.readableBytes >= 64 * 1024 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
                try await writer.finish(nil)
            }
        )
    }

    private func resolveRun(company: CompanyRecord, runIdText: String?) async throws -> RunRecord {
        if let runIdText {
            guard let runId = UUID(uuidString: runIdText), let run = try await runs.find(id: runId, companyId: company.id) else {
                throw APIError.notFound("import")
            }
            guard run.status == .completed else {
                throw APIError(.conflict, .conflict, "import \(runIdText) is \(run.status.rawValue); only completed imports can be exported")
            }
            return run
        }
        guard let run = try await runs.latestCompleted(companyId: company.id) else {
            throw APIError(.notFound, .notFound, "company has no completed import yet")
        }
        return run
    }
}
