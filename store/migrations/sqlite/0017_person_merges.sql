-- Sojourn schema 17: merge and split of persons (issue 13 point 5).

-- A reasoned merge of a duplicate person into a survivor, with what it
-- moved (row ids per table, status facts and their copies, names added as
-- aliases) so that a reasoned split, recorded on the same row, undoes it
-- exactly. At most one merge of a person as the duplicate holds at a time.
CREATE TABLE person_merges (
    id           INTEGER PRIMARY KEY,
    survivor_id  INTEGER NOT NULL REFERENCES persons(id),
    duplicate_id INTEGER NOT NULL REFERENCES persons(id),
    reason       TEXT NOT NULL,
    moved        TEXT NOT NULL,
    facts        TEXT NOT NULL,
    aliases      TEXT NOT NULL,
    merged_by    TEXT NOT NULL,
    merged_at    INTEGER NOT NULL,
    split_reason TEXT,
    split_by     TEXT,
    split_facts  TEXT,
    split_at     INTEGER
);
CREATE UNIQUE INDEX person_merges_live ON person_merges(duplicate_id) WHERE split_at IS NULL;
CREATE INDEX person_merges_survivor ON person_merges(survivor_id);
