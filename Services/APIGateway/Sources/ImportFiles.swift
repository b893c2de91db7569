import Foundation
import IntakeDomain
import IntakePersistence
import IntakeServiceKit

/// Resolves the files of an import request: each must be a stored upload of the company, and each feeds
/// the plan sheet whose `file` pattern matches its name (or the only sheet, for a one-sheet plan). An XLSX
/// workbook feeds every plan sheet whose pattern matches it, each from the worksheet named like the sheet.
struct ImportFiles {
    static let workbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    let uploads: PostgresUploadRepository

    func resolve(_ files: [CreateImportRequest.File], company: UUID, plan: PlanSpec) async throws -> [RunInput.File] {
        guard !files.isEmpty else { throw APIError.badRequest("files must name at least one upload") }
        let found = try await uploads.find(refs: files.map(\.uploadRef), companyId: company)
        var resolved: [RunInput.File] = []
        var fedSheets = Set<String>()
        for (index, file) in files.enumerated() {
            guard let upload = found[file.uploadRef] else {
                throw APIError.badRequest("files[\(index)].upload_ref names no upload of this company")
            }
            guard upload.state == .stored, let blobId = upload.blobId else {
                throw APIError.badRequest("files[\(index)].upload_ref has not been uploaded yet; PUT the bytes to its upload_url first")
            }
            let matching = plan.sheets.filter { $0.file.map { FileGlob.matches($0, file.name) } ?? false }
            let isWorkbook = upload.contentType == Self.workbookType || file.name.lowercased().hasSuffix(".xlsx")
            var sheets = isWorkbook ? matching : Array(matching.prefix(1))
            if sheets.isEmpty, plan.sheets.count == 1 { sheets = plan.sheets }
            guard !sheets.isEmpty else {
                throw APIError.badRequest("files[\(index)].name \"\(file.name)\" matches no sheet's file pattern in the plan")
            }
            for sheet in sheets {
                guard fedSheets.insert(sheet.key).inserted else {
                    throw APIError.badRequest("two files feed sheet \"\(sheet.key)\"; send one file per sheet")
                }
                resolved.append(RunInput.File(name: file.name, uploadRef: upload.ref, sheet: sheet.key, blobId: blobId, contentType: upload.contentType))
            }
        }
        return resolved
    }
}
