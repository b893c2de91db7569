import Foundation
import Hummingbird
import Prometheus

/// `/healthz` (the process is alive), `/readyz` (its dependencies answer) and `/metrics` (Prometheus text).
public struct HealthRoutes<Context: RequestContext>: Sendable {
    let readiness: ReadinessCheck
    let registry: PrometheusCollectorRegistry

    public init(readiness: ReadinessCheck, registry: PrometheusCollectorRegistry) {
        self.readiness = readiness
        self.registry = registry
    }

    public func add(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/readyz") { _, _ in
            let report = await readiness.check()
            let body = ByteBuffer(string: try JSONEncoder().encodeAsString(report))
            return Response(status: report.ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }
}

extension JSONEncoder {
    func encodeAsString(_ value: some Encodable) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}
