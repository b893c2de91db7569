import Crypto
import Foundation
import Hummingbird
import IntakeServiceKit
import IntakeDomain
import IntakeEngine
import IntakePersistence

/// `/v1/companies/{id}/imports`: queue runs and poll them.
struct ImportController {
    let companies: PostgresCompanyRepository
    let plans: PostgresPlanRepository
    let runs: PostgresRunRepository
    let templates: PostgresTemplateRepository
    let files: ImportFiles
    let publicURL: String
    let maxBodyBytes: Int
    /// Poll responses by run, dropped when the run changes (see `PollCache`).
    let pollCache: PollCache

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.post("companies/:id/imports", use: create)
        group.get("companies/:id/imports/:run_id", use: show)
        group.post("companies/:id/imports/:run_id/cancel", use: cancel)
        group.post("companies/:id/imports/:run_id/decisions", use: decide)
    }

    @Sendable func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let company = try await requireCompany(context, accountId: accountId)
        let body = try await request.decodeJSON(CreateImportRequest.self, limit: maxBodyBytes)
        if let key = body.idempotencyKey, key.isEmpty || key.count > 255 {
            throw APIError.badRequest("idempotency_key must be 1 to 255 characters")
        }
        guard let plan = try await plans.findCurrent(id: company.planId, accountId: accountId) else {
            throw APIError.notFound("plan")
        }
        let input: RunInput
        let inlineRows: [UInt8]?
        switch (body.files, body.rows) {
        case (nil, nil):
            throw APIError.badRequest("send either files or rows")
        case (.some, .some):
            throw APIError.badRequest("send either files or rows, not both")
        case (.some(let requested), nil):
            input = .files(try await files.resolve(requested, company: company.id, plan: plan.spec))
            inlineRows = nil
        case (nil, .some(let rows)):
            guard !rows.isEmpty else { throw APIError.badRequest("rows must hold at least one row") }
            let sheet = body.sheet ?? plan.spec.sheets[0].key
            guard plan.spec.sheets.contains(where: { $0.key == sheet }) else {
                throw APIError.badRequest("sheet \"\(sheet)\" is not a sheet of the company's plan")
            }
            let table = try InlineRows(requestRows: rows)
            inlineRows = Array(try JSONText.encoder.encode(table))
            input = .rows(blob: UUID(), sheet: sheet)
        }
        let new = NewRun(
            accountId: accountId, companyId: company.id, planId: plan.id, planVersion: plan.version,
            review: body.review ?? plan.spec.review, input: input, inlineRows: inlineRows,
            idempotencyKey: body.idempotencyKey, requestHash: try Self.hash(body)
        )
        do {
            let (run, replayed) = try await runs.create(new)
            let pollURL = "\(publicURL)/v1/companies/\(company.id.uuidString.lowercased())/imports/\(run.id.uuidString.lowercased())"
            var headers: HTTPFields = [.location: pollURL]
            if replayed { headers[.init("Idempotent-Replayed")!] = "true" }
            return try JSONResponse.make(.created, ImportCreatedResponse(runId: run.id, status: run.status, pollUrl: pollURL, createdAt: run.createdAt), headers: headers)
        } catch let conflict as RunConflict {
            switch conflict {
            case .activeRun(let active):
                throw APIError(.conflict, .activeRun, "company already has an active import; wait for it or cancel it", activeRunId: active)
            case .idempotencyKeyReused:
                throw APIError(.conflict, .idempotencyKeyReused, "idempotency_key was already used with a different request body")
            }
        }
    }

    /// The poll: one lookup by run, company and account; only a miss looks further, to say which is unknown.
    @Sendable func show(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let companyId = try context.parameters.requireID(what: "company")
        let runId = try context.parameters.requireID("run_id", what: "import")
        if let body = pollCache.body(run: runId, companyId: companyId, accountId: accountId) {
            return JSONResponse.make(.ok, encoded: body)
        }
        let ticket = pollCache.ticket()
        if let run = try await runs.find(id: runId, companyId: companyId, accountId: accountId) {
            let body = ByteBuffer(bytes: try JSONText.encoder.encode(Self.response(run)))
            pollCache.store(run: runId, companyId: companyId, accountId: accountId, body: body, ticket: ticket)
            return JSONResponse.make(.ok, encoded: body)
        }
        _ = try await requireCompany(context, accountId: accountId)
        throw APIError.notFound("import")
    }

    @Sendable func cancel(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let company = try await requireCompany(context, accountId: try context.requireAccount())
        let runId = try context.parameters.requireID("run_id", what: "import")
        do {
            guard let run = try await runs.cancel(id: runId, companyId: company.id) else { throw APIError.notFound("import") }
            pollCache.invalidate(run: runId)
            return try JSONResponse.make(.ok, Self.response(run))
        } catch let error as PostgresRunRepository.InvalidTransition {
            throw APIError(.conflict, .conflict, "the import is \(error.current.rawValue); only queued, running or paused imports can be canceled")
        }
    }

    @Sendable func decide(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let company = try await requireCompany(context, accountId: accountId)
        let runId = try context.parameters.requireID("run_id", what: "import")
        let body = try await request.decodeJSON(DecisionRequest.self, limit: 1 << 20)
        guard let current = try await runs.find(id: runId, companyId: company.id) else { throw APIError.notFound("import") }
        guard let plan = try await plans.find(id: current.planId, version: current.planVersion) else { throw APIError.notFound("plan") }
        var owned: [UUID: Template] = [:]
        for sheet in plan.spec.sheets {
            if let template = try await templates.find(id: sheet.templateId, accountId: accountId) { owned[sheet.templateId] = template }
        }
        let templatesById = owned
        let answers = body.answers ?? []
        do {
            let run = try await runs.decide(id: runId, companyId: company.id, approve: body.decision == .approve) { pending in
                guard let attention = pending.run.needsAttention else { return nil }
                guard PlanPatcher.changesPlan(attention.proposedPatch, answers: answers) else { return nil }
                let actions = try PlanPatcher.actions(attention.proposedPatch, answers: answers, questions: attention.questions)
                let revised = try PlanPatcher.apply(actions, to: pending.plan)
                try PlanValidator.validate(plan: revised, templates: templatesById)
                let remembered = actions.filter { $0.type == .mapColumn }.compactMap { action -> PostgresRunRepository.Revision.RememberedHeader? in
                    let sheetKey = action.sheet ?? revised.sheets.first?.key
                    guard let sheet = revised.sheets.first(where: { $0.key == sheetKey }), let column = action.column, let header = action.to else { return nil }
                    return .init(templateId: sheet.templateId, headerKey: HeaderName.normalized(header), columnKey: column)
                }
                return .init(plan: revised, remember: remembered, acceptInvalidRows: actions.contains { $0.type == .dropInvalidRows })
            }
            guard let run else { throw APIError.notFound("import") }
            pollCache.invalidate(run: runId)
            return try JSONResponse.make(.ok, Self.response(run))
        } catch let error as PostgresRunRepository.InvalidTransition {
            throw APIError(.conflict, .conflict, "the import is \(error.current.rawValue); decisions apply only to imports in needs_attention")
        } catch let error as PlanError {
            throw APIError.badRequest(error.message)
        }
    }

    static func response(_ run: RunRecord) -> RunResponse {
        RunResponse(
            runId: run.id, status: run.status, createdAt: run.createdAt, updatedAt: run.updatedAt,
            planId: run.planId, planVersion: run.planVersion, progress: run.progress, healing: run.healing,
            report: run.report, error: run.error, needsAttention: run.needsAttention
        )
    }

    private func requireCompany(_ context: GatewayRequestContext, accountId: UUID) async throws -> CompanyRecord {
        guard let company = try await companies.find(id: try context.parameters.requireID(what: "company"), accountId: accountId) else {
            throw APIError.notFound("company")
        }
        return company
    }

    /// The request's fingerprint for idempotency: SHA-256 of its canonical JSON (sorted keys).
    static func hash(_ body: CreateImportRequest) throws -> String {
        var canonical = body
        canonical.idempotencyKey = nil
        return SHA256.hash(data: try JSONText.encoder.encode(canonical)).map { String(format: "%02x", $0) }.joined()
    }
}
