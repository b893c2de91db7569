extension Migration {
    /// Every change of a run is announced on `intake_run_changed` (payload: the run's id), after its
    /// transaction commits. The gateway's poll cache listens, so a poll of an unchanged run is answered
    /// without asking Postgres.
    static let runChangeNotify = Migration(version: 8, name: "run change notifications", sql: #"""
    CREATE FUNCTION runs_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('intake_run_changed', NEW.id::text);
        RETURN NULL;
    END
    $$;

    CREATE TRIGGER runs_changed AFTER UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION runs_notify_change();
    """#)
}
