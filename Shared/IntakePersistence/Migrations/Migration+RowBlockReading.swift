extension Migration {
    /// `sheet_block_rows` (behind the `sheet_rows` view) reads its block once.
    ///
    /// A stored block is compressed out of line (TOAST), and the first version read it through the function's
    /// argument: every `substring` and `length` of it decompressed the whole block again, four times a row, so a
    /// block took time in the square of its rows — 94 s to count a 300,000-row run's rows through the view.
    /// Concatenating the argument with nothing makes one plain in-memory copy, read from then on: 0.8 s.
    static let rowBlockReading = Migration(version: 9, name: "row blocks read once", sql: #"""
    CREATE OR REPLACE FUNCTION sheet_block_rows(data bytea)
    RETURNS TABLE (row_number bigint, invalid boolean, csv_record text)
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
        bytes bytea := data || '\x'::bytea;
        total int := length(bytes);
        at int := 0;
        size int;
    BEGIN
        WHILE at < total LOOP
            row_number := (get_byte(bytes, at)::bigint << 56) | (get_byte(bytes, at + 1)::bigint << 48)
                | (get_byte(bytes, at + 2)::bigint << 40) | (get_byte(bytes, at + 3)::bigint << 32)
                | (get_byte(bytes, at + 4)::bigint << 24) | (get_byte(bytes, at + 5)::bigint << 16)
                | (get_byte(bytes, at + 6)::bigint << 8) | get_byte(bytes, at + 7)::bigint;
            invalid := get_byte(bytes, at + 8) & 1 = 1;
            size := (get_byte(bytes, at + 9) << 24) | (get_byte(bytes, at + 10) << 16) | (get_byte(bytes, at + 11) << 8)
                | get_byte(bytes, at + 12);
            csv_record := convert_from(substring(bytes FROM at + 14 FOR size), 'UTF8');
            RETURN NEXT;
            at := at + 13 + size;
        END LOOP;
    END
    $$;
    """#)
}
