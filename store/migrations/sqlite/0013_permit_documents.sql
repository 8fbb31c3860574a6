-- Sojourn schema 13: permit documents (issue 12): the token of each
-- permit's public verification page, and the reasoned revocation of a
-- permit.

-- The secret a permit's QR code carries. It is looked up by its SHA-256
-- (token_hash) and confirmed by a constant-time comparison; it is kept so
-- that the permit can be printed again with the same code.
CREATE TABLE permit_tokens (
    id          INTEGER PRIMARY KEY,
    permit_id   INTEGER NOT NULL UNIQUE REFERENCES permits(id),
    authority   TEXT NOT NULL REFERENCES authorities(code),
    token_hash  TEXT NOT NULL UNIQUE,
    token       TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);

-- A permit revoked from a day, with grounds and legal references.
CREATE TABLE permit_revocations (
    id          INTEGER PRIMARY KEY,
    permit_id   INTEGER NOT NULL UNIQUE REFERENCES permits(id),
    authority   TEXT NOT NULL REFERENCES authorities(code),
    revoked_on  TEXT NOT NULL,
    grounds     TEXT NOT NULL,
    legal_refs  TEXT NOT NULL,
    revoked_by  TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);

-- Permits are looked up by number (GET /api/v1/permits/{number}).
CREATE INDEX permits_number ON permits(number);
