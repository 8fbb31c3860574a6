-- Sojourn schema 11: identity matching (issue 13).

-- The blocking keys of each person's names (match.BlockingKeys), written
-- with the person in the same transaction, looked up by a search. Derived
-- from persons.names, birth_date (rebuilt from them at will), so it carries
-- no row digests: a key forged or deleted behind Sojourn's back can only
-- make a search miss or score a person it would not have found, and every
-- answer is scored from the person's own (digested) row.
CREATE TABLE person_match_keys (
    key       TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_match_keys_person ON person_match_keys(person_id);

-- The matching configuration (match.Config): thresholds, blocking keys and
-- weights, one revision per upload, the newest in use; without one the
-- shipped default is.
CREATE TABLE match_configs (
    id          INTEGER PRIMARY KEY,
    revision    INTEGER NOT NULL UNIQUE,
    version     TEXT NOT NULL,
    source      TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL
);
