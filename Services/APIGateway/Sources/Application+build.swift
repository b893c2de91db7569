import AsyncHTTPClient
import Hummingbird
import IntakeMessaging
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO
import Prometheus
import ServiceLifecycle

/// Builds the gateway: its HTTP application, and the services it depends on (Postgres client, outbox relay,
/// proxy HTTP client, run change feed) for `ServiceRunner` to run around it.
///
/// The caller owns process-wide setup (logging, metrics); tests call this directly.
public func buildGateway(configuration: GatewayConfiguration, registry: PrometheusCollectorRegistry, logger: Logger) async throws -> (application: some ApplicationProtocol, dependencies: [any Service]) {
    let client = PostgresClient(configuration: configuration.services.database.configuration, backgroundLogger: logger)
    let publisher = RabbitMQPublisher(url: configuration.services.broker, logger: logger)
    let relay = OutboxRelay(client: client, publisher: publisher, logger: logger)
    let proxyClient = HTTPClientService(client: HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)), decompression: .disabled)
    ))
    let pollCache = PollCache()
    let router = buildGatewayRouter(
        configuration: configuration, client: client, httpClient: proxyClient.client, registry: registry,
        readiness: ReadinessCheck(client: client, publisher: publisher, logger: logger), pollCache: pollCache, logger: logger
    )
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "intake-api-gateway"),
        logger: logger
    )
    app.beforeServerStarts {
        try await Migrator(client: client, logger: logger).requireCurrentSchema()
    }
    return (app, [client, relay, proxyClient, RunChangeFeed(client: client, cache: pollCache, logger: logger)])
}

/// The gateway's routes, middleware and controllers over one Postgres client.
public func buildGatewayRouter(
    configuration: GatewayConfiguration,
    client: PostgresClient,
    httpClient: HTTPClient,
    registry: PrometheusCollectorRegistry,
    readiness: ReadinessCheck,
    pollCache: PollCache = PollCache(),
    logger: Logger
) -> Router<GatewayRequestContext> {
    let router = Router(context: GatewayRequestContext.self)
    // Metrics outermost: they count the status the client got (a refused request as its 4xx, not as a 500).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    HealthRoutes(readiness: readiness, registry: registry).add(to: router)
    router.get("/v1/openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }

    let accounts = PostgresAccountRepository(client: client, logger: logger)
    let templates = PostgresTemplateRepository(client: client, logger: logger)
    let plans = PostgresPlanRepository(client: client, logger: logger)
    let companies = PostgresCompanyRepository(client: client, logger: logger)
    let runs = PostgresRunRepository(client: client, logger: logger)

    let v1 = router.group("v1")
        .add(middleware: RateLimitMiddleware(limiter: RateLimiter(rate: Double(configuration.rateLimitPerSecond), burst: configuration.rateLimitBurst)))
        .add(middleware: APIKeyMiddleware(accounts: accounts, cacheTTL: .seconds(configuration.apiKeyCacheSeconds)))
    TemplateController(templates: templates, maxBodyBytes: configuration.maxJSONBytes).addRoutes(to: v1)
    PlanController(plans: plans, templates: templates, maxBodyBytes: configuration.maxJSONBytes).addRoutes(to: v1)
    CompanyController(companies: companies, plans: plans, maxBodyBytes: configuration.maxJSONBytes).addRoutes(to: v1)
    let uploads = PostgresUploadRepository(client: client, logger: logger)
    ImportController(
        companies: companies, plans: plans, runs: runs, templates: templates, files: ImportFiles(uploads: uploads),
        publicURL: configuration.publicURL, maxBodyBytes: configuration.maxInlineRowsBytes, pollCache: pollCache
    ).addRoutes(to: v1)
    PlanDraftController(
        templates: templates, uploads: uploads, blobs: PostgresBlobStore(client: client, logger: logger),
        memory: PostgresColumnMemoryRepository(client: client, logger: logger), maxBodyBytes: configuration.maxInlineRowsBytes
    ).addRoutes(to: v1)
    UploadController(companies: companies, uploads: uploads, signature: UploadSignature(secret: configuration.uploadSecret), configuration: configuration).addRoutes(to: v1)
    ReportProxyController(companies: companies, reportServiceURL: configuration.reportServiceURL, internalToken: configuration.internalToken, httpClient: httpClient).addRoutes(to: v1)
    return router
}
