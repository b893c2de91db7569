import AsyncHTTPClient
import ServiceLifecycle

/// Owns the gateway's outbound HTTP client and shuts it down with the service group.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
