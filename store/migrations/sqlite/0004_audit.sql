-- Sojourn schema 4: signed audit checkpoints, and indexes for auditors'
-- searches of the log.

-- A checkpoint commits to the heads of all audit chains at once (heads is
-- their JSON, in chain order), signed with the Ed25519 key key_id.
CREATE TABLE audit_checkpoints (
    seq        INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    heads      TEXT NOT NULL,
    root       TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);

CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE INDEX audit_log_at ON audit_log(at);
