import Hummingbird
import IntakeMessaging
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO
import Prometheus
import ServiceLifecycle

/// Builds the report service: export streams behind internal auth, and the services it depends on
/// (Postgres client, lifecycle consumer) for `ServiceRunner` to run around it.
public func buildReportService(configuration: ReportConfiguration, registry: PrometheusCollectorRegistry, logger: Logger) async throws -> (application: some ApplicationProtocol, dependencies: [any Service]) {
    let client = PostgresClient(configuration: configuration.services.database.configuration, backgroundLogger: logger)
    let publisher = RabbitMQPublisher(url: configuration.services.broker, logger: logger)
    let observer = LifecycleObserver(logger: logger)
    let consumer = RabbitMQConsumer(url: configuration.services.broker, queue: Topology.lifecycleQueue, prefetch: 20, logger: logger) {
        await observer.handle($0)
    }

    let router = Router(context: ReportRequestContext.self)
    // Metrics outermost: they count the status the client got (a refused request as its 4xx, not as a 500).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    HealthRoutes(readiness: ReadinessCheck(client: client, publisher: publisher, logger: logger), registry: registry).add(to: router)
    let internalGroup = router.group("internal").add(middleware: InternalAuthMiddleware(token: configuration.internalToken))
    ExportController(
        client: client,
        companies: PostgresCompanyRepository(client: client, logger: logger),
        runs: PostgresRunRepository(client: client, logger: logger),
        plans: PostgresPlanRepository(client: client, logger: logger),
        templates: PostgresTemplateRepository(client: client, logger: logger),
        logger: logger
    ).addRoutes(to: internalGroup)
    InvalidCellsController(
        companies: PostgresCompanyRepository(client: client, logger: logger),
        runs: PostgresRunRepository(client: client, logger: logger),
        cells: PostgresInvalidCellRepository(client: client, logger: logger)
    ).addRoutes(to: internalGroup)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "intake-report-service"),
        logger: logger
    )
    app.beforeServerStarts {
        try await Migrator(client: client, logger: logger).requireCurrentSchema()
    }
    return (app, [client, consumer])
}
