-- Sojourn schema 1: authorities, persons, documents, sponsors, cases,
-- decisions, permits, the status ledger, users and the audit log.
-- Dates are ISO text (YYYY-MM-DD); record times are UTC microseconds.

CREATE TABLE authorities (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent      TEXT REFERENCES authorities(code),
    places      TEXT NOT NULL DEFAULT '[]',
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    authority   TEXT NOT NULL REFERENCES authorities(code),
    names       TEXT NOT NULL,
    birth_date  TEXT NOT NULL,
    country     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX persons_authority ON persons(authority);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    kind          TEXT NOT NULL,
    number        TEXT NOT NULL,
    issuing_state TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    created_at    INTEGER NOT NULL,
    UNIQUE (issuing_state, kind, number)
);
CREATE INDEX documents_person ON documents(person_id);

CREATE TABLE sponsors (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    country     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE accreditations (
    id          INTEGER PRIMARY KEY,
    sponsor     TEXT NOT NULL REFERENCES sponsors(code),
    authority   TEXT NOT NULL REFERENCES authorities(code),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    revoked_on  TEXT
);
CREATE INDEX accreditations_sponsor ON accreditations(sponsor);

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    type              TEXT NOT NULL,
    person_id         INTEGER NOT NULL REFERENCES persons(id),
    authority         TEXT NOT NULL REFERENCES authorities(code),
    state             TEXT NOT NULL,
    filed_on          TEXT NOT NULL,
    petition_sponsor  TEXT REFERENCES sponsors(code),
    petition_filed_on TEXT,
    classification    TEXT NOT NULL,
    appeals           INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_authority_state ON cases(authority, state);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    kind        TEXT NOT NULL,
    claim       TEXT NOT NULL,
    source      TEXT NOT NULL,
    received_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX evidence_case ON evidence(case_id);

CREATE TABLE permits (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    authority   TEXT NOT NULL REFERENCES authorities(code),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    UNIQUE (authority, number)
);
CREATE INDEX permits_person ON permits(person_id);

CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    outcome      TEXT NOT NULL,
    grounds      TEXT NOT NULL,
    legal_refs   TEXT NOT NULL,
    appeal_route TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_on   TEXT NOT NULL,
    permit_id    INTEGER REFERENCES permits(id),
    explanation  TEXT,
    recorded_at  INTEGER NOT NULL
);
CREATE INDEX decisions_case ON decisions(case_id);

CREATE TABLE series (
    authority   TEXT NOT NULL REFERENCES authorities(code),
    name        TEXT NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (authority, name)
);

CREATE TABLE status_facts (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    kind          TEXT NOT NULL,
    ref           TEXT NOT NULL,
    label         TEXT NOT NULL,
    authority     TEXT REFERENCES authorities(code),
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    retracted     INTEGER NOT NULL DEFAULT 0,
    recorded_at   INTEGER NOT NULL,
    superseded_at INTEGER,
    supersedes    INTEGER REFERENCES status_facts(id),
    reason        TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL
);
CREATE INDEX status_facts_person ON status_facts(person_id);
CREATE INDEX status_facts_current ON status_facts(kind, valid_to) WHERE superseded_at IS NULL;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,
    authority     TEXT REFERENCES authorities(code),
    clearance     TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);

-- API tokens: stored as SHA-256 of the secret; scope "read" or "write".
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    scope       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Web sessions: stored as SHA-256 of the cookie secret.
CREATE TABLE sessions (
    hash        TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    ended_at    INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per account and per address, counted in fixed windows.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    failures     INTEGER NOT NULL
);

CREATE TABLE audit_log (
    chain     INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    digest    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_object ON audit_log(object);

CREATE TABLE audit_heads (
    chain INTEGER PRIMARY KEY,
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL,
    at    INTEGER NOT NULL
);

-- one head per audit chain (audit.Chains = 16), each at the genesis hash
INSERT INTO audit_heads (chain, seq, hash, at) VALUES
    (0, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (2, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (3, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (4, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (5, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (6, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (7, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (8, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (9, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (10, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (11, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (12, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (13, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (14, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0),
    (15, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);
