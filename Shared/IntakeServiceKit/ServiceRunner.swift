import Logging
import ServiceLifecycle

/// Runs a process's HTTP application together with the services it depends on (its Postgres client, outbox
/// relay, queue consumers, …) in one service group, so that they stop in order.
///
/// Any of them ending — a signal (SIGTERM, SIGINT), an error such as the HTTP port being taken, or a
/// service finishing — shuts the group down gracefully in reverse order: the application first, the
/// Postgres client last, so no service is left waiting on a connection pool that has already closed.
/// (Registered as the application's own services, a failing server cancels them all at once, and a
/// transaction in flight could then wait forever on its closed connection: the process hung instead of
/// exiting.) Graceful shutdown has no deadline of its own — each service bounds its own (a worker hands over
/// a run it cannot finish within `INTAKE_SHUTDOWN_GRACE_SECONDS`), and a supervisor's grace period bounds
/// them all — but should the group ever be cancelled, a cancellation still stuck after
/// `cancellationDeadline` ends the process rather than leave it hanging.
public enum ServiceRunner {
    /// How long cancellation may take before the process is ended.
    public static let cancellationDeadline = Duration.seconds(10)

    public static func run(_ application: some Service, after dependencies: [any Service], logger: Logger) async throws {
        let services = (dependencies + [application]).map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup
            )
        }
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumCancellationDuration = cancellationDeadline
        try await ServiceGroup(configuration: configuration).run()
    }
}
