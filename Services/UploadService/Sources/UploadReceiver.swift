import Foundation
import Hummingbird
import IntakeDomain
import IntakePersistence
import IntakeServiceKit

/// `PUT /uploads/{ref}?…&signature=…`: verifies the signed URL and streams the body into the blob store.
///
/// Checks, in order: signature (403), expiry (403), size limit (413), Content-Type (415), a Content-Length
/// that contradicts the declared size (400), single use (409); then the body must hold exactly the declared
/// number of bytes (400 otherwise, with nothing kept). Memory stays at one 1 MiB chunk whatever the size.
struct UploadReceiver {
    let uploads: PostgresUploadRepository
    let blobs: PostgresBlobStore
    let signature: UploadSignature
    let maxUploadBytes: Int

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.put("uploads/:ref", use: receive)
    }

    @Sendable func receive(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let ref = context.parameters.get("ref").flatMap(UUID.init(uuidString:)),
              let company = query.get("company").flatMap(UUID.init(uuidString:)),
              let declaredType = query.get("content_type"),
              let size = query.get("size", as: Int.self),
              let expires = query.get("expires", as: Int.self),
              let presented = query.get("signature"),
              signature.isValid(presented, for: .init(ref: ref, company: company, contentType: declaredType, size: size, expires: expires))
        else { throw APIError(.forbidden, .invalidSignature, "the upload URL's signature is not valid; request a new upload") }
        guard Double(expires) > Date().timeIntervalSince1970 else {
            throw APIError(.forbidden, .uploadExpired, "the upload URL has expired; request a new upload")
        }
        guard size <= maxUploadBytes else {
            throw APIError(.contentTooLarge, .payloadTooLarge, "the declared size is over the \(maxUploadBytes)-byte limit")
        }
        let sentType = request.headers[.contentType].map(Self.mediaType) ?? ""
        guard sentType == declaredType.lowercased() else {
            throw APIError(.unsupportedMediaType, .unsupportedMediaType, "Content-Type must be \(declaredType), as declared for this upload")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length != size {
            throw APIError.badRequest("Content-Length is \(length) but this upload was declared as \(size) bytes")
        }
        guard let upload = try await uploads.beginReceiving(ref: ref), upload.companyId == company else {
            if let existing = try await uploads.find(ref: ref), existing.companyId == company {
                throw APIError(.conflict, .uploadUsed, existing.state == .stored ? "this upload URL was already used" : "this upload is being received on another connection")
            }
            throw APIError.notFound("upload")
        }
        do {
            let blob = try await blobs.store(request.body, expectedSize: size)
            try await uploads.markStored(ref: ref, blob: blob)
            return try JSONResponse.make(.ok, UploadStoredResponse(uploadRef: ref, size: blob.size, sha256: blob.sha256))
        } catch let mismatch as PostgresBlobStore.SizeMismatch {
            try? await uploads.abandonReceiving(ref: ref)
            let received = mismatch.received.map { "\($0) bytes" } ?? "more bytes"
            throw APIError.badRequest("the body held \(received) but this upload was declared as \(mismatch.declared) bytes; nothing was kept")
        } catch {
            try? await uploads.abandonReceiving(ref: ref)
            throw error
        }
    }

    /// `text/csv; charset=utf-8` → `text/csv`.
    static func mediaType(_ header: String) -> String {
        header.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}
