import AsyncHTTPClient
import Foundation
import Hummingbird
import IntakeMessaging
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO
import Prometheus
import Testing

@testable import APIGateway

/// The OpenAPI document and the router describe the same API.
@Suite struct OpenAPIDocumentTests {
    /// `METHOD /path/{param}` for every operation in the document.
    static func documentedOperations() -> Set<String> {
        var operations = Set<String>()
        var path: String?
        for line in OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("  "), !line.hasPrefix("   ") {
                path = nil
            } else if let current = path, let method = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" }) {
                operations.insert("\(method.uppercased()) \(current)")
            }
            if line.hasPrefix("components:") { break }
        }
        return operations
    }

    /// `METHOD /path/{param}` for every route the gateway registers.
    static func registeredOperations() throws -> Set<String> {
        let logger = Logger(label: "openapi-test")
        let database = try DatabaseURL("postgres://nobody@127.0.0.1:1/none")
        let client = PostgresClient(configuration: database.configuration, backgroundLogger: logger)
        let configuration = GatewayConfiguration(
            internalToken: "t", services: ServiceEnvironment(database: database, broker: try AMQPURL("amqp://127.0.0.1:1/"))
        )
        let router = buildGatewayRouter(
            configuration: configuration, client: client, httpClient: HTTPClient.shared, registry: PrometheusCollectorRegistry(),
            readiness: ReadinessCheck(client: client, publisher: nil, logger: logger), logger: logger
        )
        return Set(router.routes.map { route in
            let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue) /" + path.joined(separator: "/")
        })
    }

    @Test func everyDocumentedOperationIsRoutedAndEveryRouteDocumented() throws {
        let documented = Self.documentedOperations()
        let registered = try Self.registeredOperations()
        #expect(documented.count >= 20)
        #expect(documented.subtracting(registered).isEmpty, "documented but not routed: \(documented.subtracting(registered).sorted())")
        #expect(registered.subtracting(documented).isEmpty, "routed but not documented: \(registered.subtracting(documented).sorted())")
    }

    @Test func theDocumentIsAValidOpenAPI31Document() throws {
        #expect(OpenAPIDocument.yaml.hasPrefix("openapi: 3.1.0\n"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("intake-openapi-\(UUID().uuidString).yaml")
        try OpenAPIDocument.yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "openapi_spec_validator", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "openapi-spec-validator: \(text)")
    }
}
