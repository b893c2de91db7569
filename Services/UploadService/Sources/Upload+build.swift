import Hummingbird
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO
import Prometheus
import ServiceLifecycle

/// Builds the upload service (the data plane for file bytes) and the Postgres client it depends on, for
/// `ServiceRunner` to run around it.
public func buildUploadService(configuration: UploadConfiguration, registry: PrometheusCollectorRegistry, logger: Logger) async throws -> (application: some ApplicationProtocol, dependencies: [any Service]) {
    let client = PostgresClient(configuration: configuration.services.database.configuration, backgroundLogger: logger)
    let router = Router()
    // Metrics outermost: they count the status the client got (a refused request as its 4xx, not as a 500).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    HealthRoutes(readiness: ReadinessCheck(client: client, publisher: nil, logger: logger), registry: registry).add(to: router)
    UploadReceiver(
        uploads: PostgresUploadRepository(client: client, logger: logger),
        blobs: PostgresBlobStore(client: client, logger: logger),
        signature: UploadSignature(secret: configuration.uploadSecret),
        maxUploadBytes: configuration.maxUploadBytes
    ).addRoutes(to: router)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "intake-upload-service"),
        logger: logger
    )
    app.beforeServerStarts {
        try await Migrator(client: client, logger: logger).requireCurrentSchema()
    }
    return (app, [client])
}
