-- Sojourn schema 7: keyed digests of business rows in the audit log.

-- The keyed digests of the business rows a change wrote, hashed into the
-- entry (audit.FormatRows); '' for entries that wrote none.
ALTER TABLE audit_log ADD COLUMN row_digests TEXT NOT NULL DEFAULT '';

-- How many audited writes each business row has had: the version the next
-- digest of the row carries, so the latest digest of a row is found by
-- version whichever chain holds it.
CREATE TABLE audit_rows (
    tbl     TEXT NOT NULL,
    row_id  INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id)
);

-- The installation's secret key for keyed digests (hex), made by
-- `sojourn migrate`; never read by the API.
CREATE TABLE audit_secret (
    id     INTEGER PRIMARY KEY,
    secret TEXT NOT NULL
);
