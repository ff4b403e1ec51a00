-- Imports got cheaper to write (issue 5, benchmark "Billing import"). The primary key (file_sha256, line_number)
-- cost PostgreSQL more per row than storing the row itself: a 72-byte key per row in a B-tree as large as half the
-- table, inserted and WAL-logged row by row. What it guarded, that a file's rows are stored once, is now guarded
-- once per file: the import writes its file's row here first, in the same transaction as the rows (a concurrent
-- import of the same file waits for it and then fails on this key, as it did on the old one).
CREATE TABLE billing_import_file (
    file_sha256 CHAR(64) NOT NULL,
    CONSTRAINT billing_import_file_pk PRIMARY KEY (file_sha256)
);
/* [jooq ignore start] */
INSERT INTO billing_import_file (file_sha256) SELECT DISTINCT file_sha256 FROM billing_line_item;
/* [jooq ignore stop] */
ALTER TABLE billing_line_item DROP CONSTRAINT billing_line_item_pk;

-- The imported-cost query selects a range of charge days. Rows arrive a billing period (a file) at a time, so
-- their physical order follows the period: a BRIN index finds the same heap blocks as the B-tree did (within a
-- period the days of an export are interleaved, and the B-tree visited every block of the period anyway) at a
-- few kilobytes instead of one index entry per row.
DROP INDEX billing_line_item_day_idx;
/* [jooq ignore start] */
CREATE INDEX billing_line_item_day_brin ON billing_line_item USING brin (charge_day) WITH (autosummarize = on);
/* [jooq ignore stop] */
