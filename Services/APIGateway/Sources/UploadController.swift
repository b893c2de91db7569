import Foundation
import Hummingbird
import IntakeDomain
import IntakePersistence
import IntakeServiceKit

/// `POST /v1/companies/{id}/uploads`: the handshake that hands out a signed, single-use upload URL.
struct UploadController {
    /// Media types accepted for import files.
    static let contentTypes: Set<String> = [
        "text/csv", "text/plain", "text/tab-separated-values", "application/csv", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream",
    ]

    let companies: PostgresCompanyRepository
    let uploads: PostgresUploadRepository
    let signature: UploadSignature
    let configuration: GatewayConfiguration

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.post("companies/:id/uploads", use: create)
    }

    @Sendable func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        guard let company = try await companies.find(id: try context.parameters.requireID(what: "company"), accountId: accountId) else {
            throw APIError.notFound("company")
        }
        let body = try await request.decodeJSON(CreateUploadRequest.self, limit: configuration.maxJSONBytes)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 255 else { throw APIError.badRequest("name must be 1 to 255 characters") }
        let contentType = body.contentType.lowercased()
        guard Self.contentTypes.contains(contentType) else {
            throw APIError.badRequest("content_type must be one of: \(Self.contentTypes.sorted().joined(separator: ", "))")
        }
        guard body.size >= 1 else { throw APIError.badRequest("size must be a positive number of bytes") }
        guard body.size <= configuration.maxUploadBytes else {
            throw APIError(.contentTooLarge, .payloadTooLarge, "size is over the \(configuration.maxUploadBytes)-byte limit for one file")
        }
        let expires = Int(Date().timeIntervalSince1970) + configuration.uploadTTL
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(expires))
        let record = try await uploads.create(
            accountId: accountId, companyId: company.id, name: name, contentType: contentType, size: body.size, expiresAt: expiresAt
        )
        let claims = UploadSignature.Claims(ref: record.ref, company: company.id, contentType: contentType, size: body.size, expires: expires)
        return try JSONResponse.make(.created, UploadCreatedResponse(
            uploadRef: record.ref, uploadUrl: signature.url(baseURL: configuration.uploadURL, claims: claims), expiresAt: expiresAt
        ))
    }
}
