extension Migration {
    /// Read-only views for ops dashboards: runs by status, hourly throughput, queue latency, failures.
    static let opsViews = Migration(version: 2, name: "ops views", sql: #"""
    CREATE SCHEMA ops;

    CREATE VIEW ops.runs_by_status AS
        SELECT status, count(*) AS runs FROM runs GROUP BY status;

    CREATE VIEW ops.throughput_hourly AS
        SELECT date_trunc('hour', finished_at) AS hour,
               count(*) AS runs_completed,
               coalesce(sum((report->>'inserted')::bigint), 0) AS rows_imported
        FROM runs
        WHERE status = 'completed' AND finished_at IS NOT NULL
        GROUP BY 1;

    CREATE VIEW ops.queue_latency AS
        SELECT q.run_id,
               q.created_at AS queued_at,
               s.created_at AS started_at,
               s.created_at - q.created_at AS latency
        FROM run_events q
        JOIN LATERAL (
            SELECT created_at FROM run_events e
            WHERE e.run_id = q.run_id AND e.to_status = 'running' AND e.id > q.id
            ORDER BY e.id LIMIT 1
        ) s ON true
        WHERE q.to_status = 'queued';

    CREATE VIEW ops.failure_reasons AS
        SELECT error->>'code' AS code, count(*) AS runs, max(finished_at) AS last_seen
        FROM runs WHERE status = 'failed' GROUP BY 1;

    CREATE VIEW ops.outbox_backlog AS
        SELECT count(*) AS unsent, min(created_at) AS oldest FROM outbox WHERE sent_at IS NULL;
    """#)
}
