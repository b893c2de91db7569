import Foundation
import IntakeServiceKit

/// Every setting of the import worker, read from the environment.
public struct WorkerConfiguration: Sendable {
    /// `INTAKE_WORKER_HOST` / `INTAKE_WORKER_PORT` (default 127.0.0.1 and 0, any free port, so extra workers
    /// start without choosing one): health and metrics.
    public var host: String
    public var port: Int
    /// `INTAKE_WORKER_ID`: this worker's lease owner name (default host name, pid and a random suffix).
    public var workerId: String
    /// `INTAKE_LEASE_SECONDS` (default 30): how long a run stays ours without a heartbeat.
    public var lease: Duration
    /// `INTAKE_MAX_ATTEMPTS` (default 3): interrupted attempts before a run fails.
    public var maxAttempts: Int
    /// `INTAKE_QUEUED_REMINDER_SECONDS` (default 300): how long a run may stay queued before the workers are
    /// reminded of it (its message may have been dead-lettered or lost); then again as often.
    public var queuedReminder: Duration
    /// `INTAKE_SHUTDOWN_GRACE_SECONDS` (default 20): once told to stop (SIGTERM), how long the worker goes on
    /// with the run it holds before handing it over, uncharged, to another worker (`RunProcessor`). Keep it
    /// under the supervisor's own grace period (the compose file gives the worker 30 s): a worker killed
    /// first leaves its run to wait for its lease to expire, and that attempt counts.
    public var shutdownGrace: Duration
    /// How long a claim that fails (Postgres unreachable, failing over) is retried, with backoff, while its
    /// delivery is held, before the delivery goes back to the queue. Each return counts towards the work
    /// queue's delivery limit (5), past which the message is dead-lettered and the run waits for a reminder.
    /// Kept under two heartbeat intervals of the consumer's connection (2 × 30 s), which nothing services
    /// while the handler runs.
    public var claimRetryWindow: Duration = .seconds(40)
    /// `INTAKE_WORKER_LANES` (default 2): how many lanes (cores) a sheet's columns are healed in; 1 for hosts
    /// running a worker per core.
    public var lanes: Int
    public var services: ServiceEnvironment

    public init(environment reader: EnvironmentReader = EnvironmentReader()) throws {
        self.host = reader.string("INTAKE_WORKER_HOST", default: "127.0.0.1")
        self.port = try reader.int("INTAKE_WORKER_PORT", default: 0, range: 0...65535)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        self.workerId = reader.string("INTAKE_WORKER_ID", default: "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(suffix)")
        self.lease = .seconds(try reader.int("INTAKE_LEASE_SECONDS", default: 30, range: 3...3600))
        self.maxAttempts = try reader.int("INTAKE_MAX_ATTEMPTS", default: 3, range: 1...100)
        self.queuedReminder = .seconds(try reader.int("INTAKE_QUEUED_REMINDER_SECONDS", default: 300, range: 10...86_400))
        self.shutdownGrace = .seconds(try reader.int("INTAKE_SHUTDOWN_GRACE_SECONDS", default: 20, range: 0...3600))
        self.lanes = try reader.int("INTAKE_WORKER_LANES", default: 2, range: 1...16)
        self.services = try ServiceEnvironment(reader)
    }
}
