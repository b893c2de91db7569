extension Migration {
    /// Header mappings a human approved, per account and template, so a heal once approved is remembered.
    static let columnMemory = Migration(version: 5, name: "column memory", sql: #"""
    CREATE TABLE column_memory (
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        template_id uuid NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
        header_key text NOT NULL,
        column_key text NOT NULL,
        approved_from_run uuid REFERENCES runs (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, template_id, header_key)
    );
    """#)
}
