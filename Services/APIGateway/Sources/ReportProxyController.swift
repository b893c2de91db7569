import AsyncHTTPClient
import Foundation
import Hummingbird
import IntakeServiceKit
import IntakePersistence
import NIOCore
import HTTPTypes

/// Forwards report reads (`export.csv`, `invalid-cells`) to report-service after authenticating the key and
/// scoping the company to the account; report-service scopes runs to the company.
struct ReportProxyController {
    let companies: PostgresCompanyRepository
    let reportServiceURL: String
    let internalToken: String
    let httpClient: HTTPClient

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.get("companies/:id/export.csv", use: forward)
        group.get("companies/:id/imports/:run_id/invalid-cells", use: forward)
    }

    @Sendable func forward(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        guard try await companies.find(id: try context.parameters.requireID(what: "company"), accountId: accountId) != nil else {
            throw APIError.notFound("company")
        }
        var upstream = HTTPClientRequest(url: reportServiceURL + Self.internalPath(request.uri.path, query: request.uri.query))
        upstream.headers.add(name: "authorization", value: "Bearer \(internalToken)")
        upstream.headers.add(name: "x-intake-account", value: accountId.uuidString)
        upstream.headers.add(name: "x-request-id", value: context.id)
        if let encoding = request.headers[.acceptEncoding] { upstream.headers.add(name: "accept-encoding", value: encoding) }
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(upstream, timeout: .seconds(30))
        } catch {
            context.logger.error("report-service unreachable", metadata: ["error": "\(error)"])
            throw APIError(.serviceUnavailable, .unavailable, "exports are temporarily unavailable; retry shortly")
        }
        var headers = HTTPFields()
        for (name, value) in response.headers {
            guard let field = HTTPField.Name(name), !Self.hopByHop.contains(name.lowercased()) else { continue }
            headers.append(HTTPField(name: field, value: value))
        }
        return Response(
            status: .init(code: Int(response.status.code)),
            headers: headers,
            body: ResponseBody(asyncSequence: response.body)
        )
    }

    static let hopByHop: Set<String> = ["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length", "x-request-id"]

    /// `/v1/…` → `/internal/…`, the query kept as sent.
    static func internalPath(_ publicPath: String, query: String?) -> String {
        let path = "/internal" + publicPath.dropFirst("/v1".count)
        guard let query, !query.isEmpty else { return path }
        return path + "?" + query
    }
}
