-- Sojourn schema 2: policy packs (immutable uploads, one revision per
-- upload of a pack name), the durable job queue, and what-if results.

CREATE TABLE policy_packs (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    source      TEXT NOT NULL,
    hash        TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    UNIQUE (name, revision)
);

-- jobs records background work run through River (its own tables, made by
-- rivermigrate): what was asked, by whom, state, progress and error.
CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    args           TEXT NOT NULL,
    state          TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    done           INTEGER NOT NULL DEFAULT 0,
    total          INTEGER NOT NULL DEFAULT 0,
    error          TEXT NOT NULL DEFAULT '',
    requested_by   TEXT NOT NULL,
    authority      TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    finished_at    INTEGER
);
CREATE INDEX jobs_state ON jobs(state, id);

CREATE TABLE whatif_results (
    job_id             INTEGER NOT NULL REFERENCES jobs(id),
    case_id            INTEGER NOT NULL REFERENCES cases(id),
    person_id          INTEGER NOT NULL REFERENCES persons(id),
    person_name        TEXT NOT NULL,
    before_outcome     TEXT NOT NULL,
    before_explanation TEXT NOT NULL,
    after_outcome      TEXT NOT NULL,
    after_explanation  TEXT NOT NULL,
    PRIMARY KEY (job_id, case_id)
);
