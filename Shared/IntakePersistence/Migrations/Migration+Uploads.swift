extension Migration {
    /// Signed uploads: the handshake row, and the blob it fills once.
    static let uploads = Migration(version: 3, name: "uploads", sql: #"""
    CREATE TABLE uploads (
        ref uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        company_id uuid NOT NULL REFERENCES companies(id),
        name text NOT NULL,
        content_type text NOT NULL,
        declared_size bigint NOT NULL CHECK (declared_size >= 0),
        stored_size bigint,
        sha256 text,
        blob_id uuid REFERENCES blobs(id),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'receiving', 'stored')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        stored_at timestamptz
    );
    CREATE INDEX uploads_company ON uploads (company_id, created_at);
    """#)
}
