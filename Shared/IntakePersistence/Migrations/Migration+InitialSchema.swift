extension Migration {
    /// Accounts, templates, plans, companies, blobs, runs and their rows, cells, events and outbox.
    static let initialSchema = Migration(version: 1, name: "initial schema", sql: #"""
    CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        prefix text NOT NULL,
        digest bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
    );

    CREATE TABLE templates (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text NOT NULL,
        columns jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX templates_account ON templates (account_id, created_at);

    CREATE TABLE plans (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text NOT NULL,
        current_version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE plan_versions (
        plan_id uuid NOT NULL REFERENCES plans(id),
        version int NOT NULL,
        spec jsonb NOT NULL,
        created_from_run uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version)
    );

    CREATE TABLE companies (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text NOT NULL,
        external_id text,
        plan_id uuid NOT NULL REFERENCES plans(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, external_id)
    );
    CREATE INDEX companies_account ON companies (account_id, created_at, id);

    CREATE TABLE blobs (
        id uuid PRIMARY KEY,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE blob_chunks (
        blob_id uuid NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,
        seq int NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (blob_id, seq)
    );

    CREATE TABLE runs (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        company_id uuid NOT NULL REFERENCES companies(id),
        plan_id uuid NOT NULL REFERENCES plans(id),
        plan_version int NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'needs_attention', 'completed', 'failed', 'canceled')),
        review text NOT NULL CHECK (review IN ('gate', 'report')),
        input jsonb NOT NULL,
        idempotency_key text,
        request_hash text,
        attempt int NOT NULL DEFAULT 0,
        progress jsonb NOT NULL DEFAULT '{"phase": "queued", "rows_processed": 0}',
        healing jsonb NOT NULL DEFAULT '[]',
        report jsonb,
        needs_attention jsonb,
        error jsonb,
        lease_owner text,
        lease_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version)
    );
    -- "One active run per company" is a database fact, not a check in application code.
    CREATE UNIQUE INDEX runs_one_active_per_company ON runs (company_id)
        WHERE status IN ('queued', 'running', 'needs_attention');
    CREATE UNIQUE INDEX runs_idempotency ON runs (company_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
    CREATE INDEX runs_company_finished ON runs (company_id, finished_at DESC) WHERE status = 'completed';
    CREATE INDEX runs_expired_leases ON runs (lease_expires_at) WHERE status = 'running';

    CREATE TABLE run_events (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES runs(id),
        from_status text,
        to_status text NOT NULL,
        attempt int NOT NULL,
        detail jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX run_events_run ON run_events (run_id, id);
    CREATE INDEX run_events_created ON run_events (created_at);

    CREATE TABLE sheet_rows (
        run_id uuid NOT NULL,
        sheet text NOT NULL,
        row_number bigint NOT NULL,
        invalid boolean NOT NULL,
        csv_record text NOT NULL,
        PRIMARY KEY (run_id, sheet, row_number)
    );

    CREATE TABLE invalid_cells (
        run_id uuid NOT NULL,
        sheet text NOT NULL,
        row_number bigint NOT NULL,
        column_key text NOT NULL,
        value text NOT NULL,
        code text NOT NULL,
        message text NOT NULL
    );
    CREATE INDEX invalid_cells_run ON invalid_cells (run_id, sheet, row_number);

    CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL UNIQUE,
        exchange text NOT NULL,
        routing_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
    );
    CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

    CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('intake_outbox', NEW.id::text);
        RETURN NEW;
    END
    $$;
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify();
    """#)
}
