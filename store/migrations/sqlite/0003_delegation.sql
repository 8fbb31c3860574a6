-- Sojourn schema 3: jurisdiction by case type, abolition with a successor,
-- delegations with conditions and obligations, decisions under delegation,
-- owed reports, external concurrences and case transfers.

ALTER TABLE authorities ADD COLUMN case_types TEXT NOT NULL DEFAULT '[]';
ALTER TABLE authorities ADD COLUMN successor TEXT REFERENCES authorities(code);
ALTER TABLE authorities ADD COLUMN abolished_on TEXT;
ALTER TABLE authorities ADD COLUMN abolition_reason TEXT NOT NULL DEFAULT '';
-- Before this schema every authority decided the one case type there was.
UPDATE authorities SET case_types = '["residence_permit"]';

CREATE TABLE delegations (
    id                INTEGER PRIMARY KEY,
    from_authority    TEXT NOT NULL REFERENCES authorities(code),
    to_authority      TEXT NOT NULL REFERENCES authorities(code),
    case_types        TEXT NOT NULL,
    countries         TEXT NOT NULL,
    valid_from        TEXT NOT NULL,
    valid_to          TEXT,
    conditions        TEXT NOT NULL,
    obligations       TEXT NOT NULL,
    legal_ref         TEXT NOT NULL,
    revoked_on        TEXT,
    revocation_reason TEXT NOT NULL DEFAULT '',
    created_by        TEXT NOT NULL,
    created_at        INTEGER NOT NULL
);
CREATE INDEX delegations_to ON delegations(to_authority);
CREATE INDEX delegations_from ON delegations(from_authority);

ALTER TABLE decisions ADD COLUMN delegation_id INTEGER REFERENCES delegations(id);

CREATE TABLE obligations (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id),
    decision_id   INTEGER NOT NULL REFERENCES decisions(id),
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    template      TEXT NOT NULL,
    obligor       TEXT NOT NULL REFERENCES authorities(code),
    owed_to       TEXT NOT NULL REFERENCES authorities(code),
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    person        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    description   TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    fulfilled_on  TEXT,
    report_ref    TEXT NOT NULL DEFAULT '',
    flagged_on    TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX obligations_owed_due ON obligations(owed_to, due_on);
CREATE INDEX obligations_case ON obligations(case_id);
CREATE INDEX obligations_open_due ON obligations(due_on) WHERE fulfilled_on IS NULL;

CREATE TABLE concurrences (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    party       TEXT NOT NULL,
    given_on    TEXT NOT NULL,
    reference   TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX concurrences_case ON concurrences(case_id);

CREATE TABLE case_transfers (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT NOT NULL,
    from_authority TEXT NOT NULL REFERENCES authorities(code),
    to_authority   TEXT NOT NULL REFERENCES authorities(code),
    on_date        TEXT NOT NULL,
    reason         TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    INTEGER NOT NULL
);
CREATE INDEX case_transfers_case ON case_transfers(case_id);
