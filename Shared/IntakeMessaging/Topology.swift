import IntakePersistence

/// The exchanges (`intake.runs` topic, `intake.dead` fanout) and queues of DESIGN.md §4, declared (idempotently) by every connection on connect.
public struct Topology: Sendable {
    /// A durable queue, its arguments and the routing keys that bind it to the runs exchange.
    public struct Queue: Sendable {
        public var name: String
        /// The exchange the bindings refer to.
        public var exchange: String
        public var bindings: [String]
        public var quorum: Bool
        public var deliveryLimit: Int?
        public var deadLetterExchange: String?
    }

    public var runsExchange: String
    public var deadExchange: String
    public var queues: [Queue]

    /// Work queue for workers (`run.queued`, and the reminders of runs still queued), lifecycle feed for the report
    /// service (`run.*`), and the dead letters.
    public static let intake = Topology(
        runsExchange: "intake.runs",
        deadExchange: "intake.dead",
        queues: [
            Queue(name: workQueue, exchange: "intake.runs", bindings: ["run.queued", Outbox.queuedReminderKey], quorum: true, deliveryLimit: 5, deadLetterExchange: "intake.dead"),
            Queue(name: lifecycleQueue, exchange: "intake.runs", bindings: ["run.*"], quorum: true, deliveryLimit: 5, deadLetterExchange: "intake.dead"),
            Queue(name: "intake.dead", exchange: "intake.dead", bindings: [""], quorum: false, deliveryLimit: nil, deadLetterExchange: nil),
        ]
    )

    /// The queue import workers consume.
    public static let workQueue = "import-worker.runs"
    /// The queue the report service consumes.
    public static let lifecycleQueue = "report-service.lifecycle"
}
