extension Migration {
    /// A stable order (and cursor) for invalid-cell listings.
    static let invalidCellOrder = Migration(version: 4, name: "invalid cell order", sql: #"""
    ALTER TABLE invalid_cells ADD COLUMN id bigserial;
    DROP INDEX invalid_cells_run;
    CREATE INDEX invalid_cells_run ON invalid_cells (run_id, id);
    """#)
}
