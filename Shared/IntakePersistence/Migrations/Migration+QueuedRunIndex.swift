extension Migration {
    /// Finds the runs queued longest at once, for the workers' reminders (`remindQueued`), which every worker
    /// looks for every few seconds: without it, each look reads the whole `runs` table.
    static let queuedRunIndex = Migration(version: 10, name: "queued run index", sql: #"""
    CREATE INDEX runs_queued_since ON runs (updated_at) WHERE status = 'queued';
    """#)
}
