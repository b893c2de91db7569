import Hummingbird
import IntakeEngine
import IntakeMessaging
import IntakePersistence
import IntakeServiceKit
import Logging
import PostgresNIO
import Prometheus
import ServiceLifecycle

/// Builds the import worker: a health/metrics endpoint, and the services it depends on (Postgres client,
/// outbox relay, lease recovery, queue consumer) for `ServiceRunner` to run around it.
public func buildWorker(configuration: WorkerConfiguration, registry: PrometheusCollectorRegistry, logger: Logger) async throws -> (application: some ApplicationProtocol, dependencies: [any Service]) {
    MemoryTuning.apply()
    let client = PostgresClient(configuration: configuration.services.database.configuration, backgroundLogger: logger)
    let publisher = RabbitMQPublisher(url: configuration.services.broker, logger: logger)
    let runs = PostgresRunRepository(client: client, logger: logger)
    let processor = RunProcessor(
        runs: runs,
        plans: PostgresPlanRepository(client: client, logger: logger),
        templates: PostgresTemplateRepository(client: client, logger: logger),
        memory: PostgresColumnMemoryRepository(client: client, logger: logger),
        loader: RunInputLoader(blobs: PostgresBlobStore(client: client, logger: logger)),
        configuration: configuration,
        logger: logger,
        stopping: { try await gracefulShutdown() }
    )
    let handler = RunQueueHandler(runs: runs, processor: processor, configuration: configuration, logger: logger)
    let consumer = RabbitMQConsumer(url: configuration.services.broker, queue: Topology.workQueue, prefetch: 1, logger: logger) {
        await handler.handle($0)
    }
    let recovery = LeaseRecoveryService(
        runs: runs, interval: configuration.lease / 3, maxAttempts: configuration.maxAttempts, remindAfter: configuration.queuedReminder, logger: logger
    )
    let relay = OutboxRelay(client: client, publisher: publisher, logger: logger)

    let router = Router()
    HealthRoutes(readiness: ReadinessCheck(client: client, publisher: publisher, logger: logger), registry: registry).add(to: router)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "intake-import-worker"),
        logger: logger
    )
    app.beforeServerStarts {
        try await Migrator(client: client, logger: logger).requireCurrentSchema()
    }
    return (app, [client, relay, recovery, consumer])
}
