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
        let company = try await context.requireCompany(companies)
        let query = request.uri.queryParameters
        let filterText = query.get("filter") ?? "valid"
        guard let filter = ExportFilter(rawValue: filterText) else {
            throw APIError.badRequest("filter must be valid, invalid or all")
        }
        let run = try await resolveRun(company: company, runIdText: query.get("run_id"))
        guard let plan = try await plans.find(id: run.planId, version: run.planVersion) else { throw APIError.notFound("plan version") }
        let sheets: [SheetSpec]
        if let key = query.get("sheet") {
            guard let match = plan.spec.sheets.first(where: { $0.key == key }) else {
                throw APIError.badRequest("sheet \"\(key)\" is not a sheet of this run's plan")
            }
            sheets = [match]
        } else {
            sheets = plan.spec.sheets
        }
        let templatesById = try await templates.find(ids: sheets.map(\.templateId))
        let parts = try sheets.map { sheet in
            guard let template = templatesById[sheet.templateId] else { throw APIError.notFound("template") }
            return SheetExport(sheet: sheet, columns: template.columns.map(\.key), runId: run.id, filter: filter, counts: run.report?.sheets.first { $0.sheet == sheet.key })
        }
        let gzip = Self.acceptsGzip(request.headers[.acceptEncoding])
        var headers: HTTPFields = [
            .init("X-Total-Records")!: String(parts.reduce(0) { $0 + $1.total }),
            .init("X-Run-Id")!: run.id.uuidString.lowercased(),
            .vary: "Accept-Encoding",
        ]
        if gzip { headers[.contentEncoding] = "gzip" }
        let client = self.client
        let logger = self.logger
        if parts.count == 1 {
            let part = parts[0]
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(part.fileName)\""
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                let encoder = gzip ? try DeflateEncoder(format: .gzip) : nil
                try await part.stream(client: client, logger: logger) { buffer in
                    let out = try encoder?.compress(buffer) ?? buffer
                    if out.readableBytes > 0 { try await writer.write(out) }
                }
                if let encoder { try await writer.write(try encoder.finish()) }
                try await writer.finish(nil)
            })
        }
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"export-\(filter.rawValue).zip\""
        headers[.contentEncoding] = nil
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var zip = ZipStreamWriter()
            for part in parts {
                try await writer.write(try zip.beginEntry(name: part.fileName))
                try await part.stream(client: client, logger: logger) { buffer in
                    let out = try zip.write(buffer)
                    if out.readableBytes > 0 { try await writer.write(out) }
                }
                try await writer.write(try zip.endEntry())
            }
            try await writer.write(zip.finish())
            try await writer.finish(nil)
        })
    }

    /// Whether `Accept-Encoding` allows gzip (`gzip` or `*`, without `q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.lowercased().split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = pieces.first, coding == "gzip" || coding == "*" else { return false }
            return !pieces.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
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
