-- Sojourn schema 6: persons and documents are corrected, never overwritten.
-- The row in persons (documents) is the version known now, recorded at
-- recorded_at for the reason given; each version a correction replaced
-- moves to person_history (document_history) with the time it was
-- superseded, so "as known at" any time stays readable. A document's
-- validity is no longer kept on the document: the status ledger is its one
-- source, each document fact naming its document.

ALTER TABLE persons ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE persons ADD COLUMN reason TEXT NOT NULL DEFAULT '';
UPDATE persons SET recorded_at = created_at;

CREATE TABLE person_history (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    names         TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    country       TEXT NOT NULL,
    reason        TEXT NOT NULL,
    recorded_at   INTEGER NOT NULL,
    superseded_at INTEGER NOT NULL
);
CREATE INDEX person_history_person ON person_history(person_id, superseded_at);

ALTER TABLE documents ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN reason TEXT NOT NULL DEFAULT '';
UPDATE documents SET recorded_at = created_at;

CREATE TABLE document_history (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    kind          TEXT NOT NULL,
    number        TEXT NOT NULL,
    issuing_state TEXT NOT NULL,
    reason        TEXT NOT NULL,
    recorded_at   INTEGER NOT NULL,
    superseded_at INTEGER NOT NULL
);
CREATE INDEX document_history_person ON document_history(person_id, superseded_at);

ALTER TABLE status_facts ADD COLUMN document_id INTEGER REFERENCES documents(id);
UPDATE status_facts SET document_id = (
    SELECT d.id FROM documents d
    WHERE d.person_id = status_facts.person_id AND d.kind || ' ' || d.issuing_state || ' ' || d.number = status_facts.label)
WHERE kind = 'document';
CREATE INDEX status_facts_document ON status_facts(document_id);

ALTER TABLE documents DROP COLUMN valid_from;
ALTER TABLE documents DROP COLUMN valid_to;
