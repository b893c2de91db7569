import Foundation
import Hummingbird
import IntakeDomain
import IntakeEngine
import IntakePersistence
import IntakeServiceKit
import IntakeSources

/// `POST /v1/plans/draft`: proposes a plan from sample data — per source, the template it fits best and a
/// column mapping with confidence and provenance. Nothing is stored.
struct PlanDraftController {
    let templates: PostgresTemplateRepository
    let uploads: PostgresUploadRepository
    let blobs: PostgresBlobStore
    let memory: PostgresColumnMemoryRepository
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.post("plans/draft", use: draft)
    }

    /// One sample to map: where it came from and what it holds.
    struct Source {
        var file: String?
        var sample: SourceSample
    }

    @Sendable func draft(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        let body = try await request.decodeJSON(DraftPlanRequest.self, limit: maxBodyBytes)
        guard !body.templateIds.isEmpty else { throw APIError.badRequest("template_ids must name at least one template") }
        var candidates: [Template] = []
        for id in body.templateIds {
            guard let template = try await templates.find(id: id, accountId: accountId) else {
                throw APIError.badRequest("template_ids names \(id.uuidString.lowercased()), which is not a template of this account")
            }
            candidates.append(template)
        }
        let sources = try await sources(of: body, accountId: accountId)
        let remembered = try await memory.memory(accountId: accountId, templateIds: candidates.map(\.id))
        var usedKeys = Set<String>()
        let sheets = sources.map { source in
            var best: (template: Template, matches: [ColumnMatch], score: Double)?
            for template in candidates {
                let known = remembered[template.id.uuidString.lowercased()] ?? [:]
                let matches = HeaderMatcher.match(columns: template.columns, headers: source.sample.headers, samples: source.sample.records, memory: known)
                let score = matches.reduce(0) { $0 + $1.confidence }
                if score > best?.score ?? -1 { best = (template, matches, score) }
            }
            let (template, matches, _) = best!
            let key = Self.uniqueKey(for: template.name, used: &usedKeys)
            let mapped = Set(matches.map(\.header))
            return DraftPlanResponse.Sheet(
                key: key, templateId: template.id, file: source.file,
                mapping: Dictionary(uniqueKeysWithValues: matches.map { ($0.column, $0.header) }),
                confidence: Dictionary(uniqueKeysWithValues: matches.map { ($0.column, ($0.confidence * 100).rounded() / 100) }),
                provenance: Dictionary(uniqueKeysWithValues: matches.map { ($0.column, $0.provenance.rawValue) }),
                unmappedColumns: template.columns.map(\.key).filter { key in !matches.contains { $0.column == key } },
                unmappedHeaders: source.sample.headers.filter { !$0.isEmpty && !mapped.contains($0) }
            )
        }
        return try JSONResponse.make(.ok, DraftPlanResponse(name: body.name ?? "Draft plan", review: .gate, defaultCountry: "US", sheets: sheets))
    }

    private func sources(of body: DraftPlanRequest, accountId: UUID) async throws -> [Source] {
        switch (body.files, body.rows) {
        case (nil, nil): throw APIError.badRequest("send either files or rows as the sample")
        case (.some, .some): throw APIError.badRequest("send either files or rows, not both")
        case (nil, .some(let rows)):
            guard !rows.isEmpty else { throw APIError.badRequest("rows must hold at least one row") }
            let table = try InlineRows(requestRows: Array(rows.prefix(200)))
            return [Source(file: nil, sample: SourceSample(headers: table.headers, records: table.records))]
        case (.some(let files), nil):
            guard !files.isEmpty else { throw APIError.badRequest("files must name at least one upload") }
            let found = try await uploads.find(refs: files.map(\.uploadRef), accountId: accountId)
            var sources: [Source] = []
            for (index, file) in files.enumerated() {
                guard let upload = found[file.uploadRef], upload.state == .stored, let blobId = upload.blobId else {
                    throw APIError.badRequest("files[\(index)].upload_ref names no finished upload of this account")
                }
                let source = StoredFileSource.make(blobs: blobs, blobId: blobId, fileName: file.name, contentType: upload.contentType, sheet: "draft")
                let sample: SourceSample?
                do {
                    sample = try await SourceSample.read(source)
                } catch let error as RunError {
                    throw APIError.badRequest("files[\(index)]: \(error.message)")
                }
                guard let sample else {
                    throw APIError.badRequest("files[\(index)] holds no header row")
                }
                sources.append(Source(file: file.name, sample: sample))
            }
            return sources
        }
    }

    /// `Contacts (CRM)` → `contacts_crm`, suffixed when taken.
    static func uniqueKey(for name: String, used: inout Set<String>) -> String {
        let base = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            .split(separator: "_").joined(separator: "_")
        var key = base.isEmpty ? "sheet" : base
        var suffix = 2
        while used.contains(key) {
            key = "\(base)_\(suffix)"
            suffix += 1
        }
        used.insert(key)
        return key
    }
}
