-- Sojourn schema 12: the correspondence registry.

-- A register series of an authority. Its numbers, per year, come from the
-- counter row of the series table named 'corr/SERIES/YEAR', taken last in
-- the registering transaction.
CREATE TABLE corr_series (
    id         INTEGER PRIMARY KEY,
    authority  TEXT NOT NULL REFERENCES authorities(code),
    code       TEXT NOT NULL,
    format     TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (authority, code)
);

-- A registered item. Body and attachment content live apart (corr_bodies,
-- corr_blobs), guarded by body_hash, the attachments' sha256 and
-- content_hash here, so destroying content leaves this row as sealed.
CREATE TABLE corr_items (
    id                  INTEGER PRIMARY KEY,
    authority           TEXT NOT NULL REFERENCES authorities(code),
    series_id           INTEGER NOT NULL REFERENCES corr_series(id),
    year                INTEGER NOT NULL,
    seq                 INTEGER,
    number              TEXT,
    kind                TEXT NOT NULL,
    direction           TEXT NOT NULL,
    item_date           TEXT NOT NULL,
    sender_authority    TEXT NOT NULL DEFAULT '',
    sender_person       INTEGER REFERENCES persons(id),
    sender_text         TEXT NOT NULL DEFAULT '',
    sender_ref          TEXT NOT NULL DEFAULT '',
    addressee_authority TEXT NOT NULL DEFAULT '',
    addressee_person    INTEGER REFERENCES persons(id),
    addressee_text      TEXT NOT NULL DEFAULT '',
    subject             TEXT NOT NULL,
    classification      TEXT NOT NULL,
    body_hash           TEXT NOT NULL,
    content_hash        TEXT NOT NULL,
    reply_to            INTEGER REFERENCES corr_items(id),
    reply_to_ref        TEXT NOT NULL DEFAULT '',
    fond                TEXT NOT NULL DEFAULT '',
    inventory           TEXT NOT NULL DEFAULT '',
    file_no             TEXT NOT NULL DEFAULT '',
    sheet               TEXT NOT NULL DEFAULT '',
    retention           TEXT NOT NULL,
    retain_until        TEXT,
    legal_hold          INTEGER NOT NULL DEFAULT 0,
    destroyed           INTEGER NOT NULL DEFAULT 0,
    recorded_at         INTEGER NOT NULL,
    recorded_by         TEXT NOT NULL,
    UNIQUE (series_id, year, seq)
);
CREATE INDEX corr_items_number ON corr_items(number);
CREATE INDEX corr_items_auth ON corr_items(authority, id);
CREATE INDEX corr_items_reply ON corr_items(reply_to);
CREATE INDEX corr_items_sender_ref ON corr_items(sender_ref) WHERE sender_ref <> '';
CREATE INDEX corr_items_due ON corr_items(retain_until) WHERE destroyed = 0 AND legal_hold = 0;

-- Content: not sealed row by row (the hashes in corr_items vouch for it),
-- and deleted when destroyed.
CREATE TABLE corr_bodies (
    item_id INTEGER PRIMARY KEY REFERENCES corr_items(id),
    body    TEXT NOT NULL
);

CREATE TABLE corr_attachments (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES corr_items(id),
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    in_dir     INTEGER NOT NULL DEFAULT 0,
    destroyed  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corr_attachments_item ON corr_attachments(item_id);

CREATE TABLE corr_blobs (
    attachment_id INTEGER PRIMARY KEY REFERENCES corr_attachments(id),
    content       BLOB NOT NULL
);

CREATE TABLE corr_routes (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES corr_items(id),
    unit        TEXT NOT NULL REFERENCES authorities(code),
    routed_on   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    routed_by   TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX corr_routes_item ON corr_routes(item_id);

-- A resolution; with task_unit it is also a task due on due_on.
CREATE TABLE corr_resolutions (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES corr_items(id),
    text        TEXT NOT NULL,
    resolved_on TEXT NOT NULL,
    resolved_by TEXT NOT NULL,
    task_unit   TEXT REFERENCES authorities(code),
    due_on      TEXT,
    done_on     TEXT,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX corr_resolutions_item ON corr_resolutions(item_id);
CREATE INDEX corr_tasks_open ON corr_resolutions(task_unit, due_on) WHERE task_unit IS NOT NULL AND done_on IS NULL;

CREATE TABLE corr_links (
    id        INTEGER PRIMARY KEY,
    item_id   INTEGER NOT NULL REFERENCES corr_items(id),
    case_id   INTEGER REFERENCES cases(id),
    person_id INTEGER REFERENCES persons(id),
    UNIQUE (item_id, case_id, person_id)
);
CREATE INDEX corr_links_case ON corr_links(case_id);
CREATE INDEX corr_links_person ON corr_links(person_id);

CREATE TABLE corr_destructions (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL UNIQUE REFERENCES corr_items(id),
    rule         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    destroyed_by TEXT NOT NULL,
    destroyed_at INTEGER NOT NULL
);

-- Full text over subject and body; rowid is the item's id.
CREATE VIRTUAL TABLE corr_fts USING fts5(subject, body, tokenize = 'unicode61 remove_diacritics 2');
