import AsyncHTTPClient
import Foundation
import Hummingbird
import IntakeServiceKit
import IntakePersistence
import NIOCore
import HTTPTypes

/// Forwards report reads (`export.csv`) to report-service after authenticating and scoping the company.
struct ExportProxyController {
    let companies: PostgresCompanyRepository
    let reportServiceURL: String
    let internalToken: String
    let httpClient: HTTPClient

    func addRoutes(to group: RouterGroup<GatewayRequestContext>) {
        group.get("companies/:id/export.csv", use: forward)
    }

    @Sendable func forward(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let accountId = try context.requireAccount()
        guard let company = try await companies.find(id: try context.parameters.requireID(what: "company"), accountId: accountId) else {
            throw APIError.notFound("company")
        }
        var upstream = HTTPClientRequest(url: reportServiceURL + Self.internalPath(company: company.id, query: request.uri.query))
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

    static func internalPath(company: UUID, query: String?) -> String {
        let path = "/internal/companies/\(company.uuidString.lowercased())/export.csv"
        guard let query, !query.isEmpty else { return path }
        return path + "?" + query
    }
}
