import AsyncHTTPClient
import Foundation
import NIOCore

/// A fresh RabbitMQ virtual host per test suite, made through the management API.
public enum TestBroker {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates a vhost with full permissions for `guest`; returns its AMQP URL.
    public static func createVhost(_ prefix: String = "intake-test") async throws -> String {
        let vhost = TestEnvironment.uniqueName(prefix)
        try await createVhost(named: vhost)
        return TestEnvironment.amqpURL(vhost: vhost)
    }

    /// Creates the vhost `vhost` with full permissions for `guest`.
    public static func createVhost(named vhost: String) async throws {
        let base = "http://127.0.0.1:\(TestEnvironment.managementPort)/api"
        try await put("\(base)/vhosts/\(vhost)", body: "{}")
        try await put("\(base)/permissions/\(vhost)/guest", body: #"{"configure":".*","write":".*","read":".*"}"#)
    }

    private static func put(_ url: String, body: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .PUT
        request.headers.add(name: "authorization", value: "Basic " + Data("guest:guest".utf8).base64EncodedString())
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(Int(response.status.code)) else {
            throw Failure(description: "management API \(url) answered \(response.status.code)")
        }
    }
}
