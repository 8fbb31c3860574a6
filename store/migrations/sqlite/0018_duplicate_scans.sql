-- Sojourn schema 18: the likely duplicates a scan of the register found
-- (issue 13), one row per pair, the lower person id first, for review.
-- Derived from persons and the matching configuration (a scan can be run
-- again at will), so it carries no row digests, as whatif_results.
CREATE TABLE duplicate_pairs (
    id         INTEGER PRIMARY KEY,
    job_id     INTEGER NOT NULL REFERENCES jobs(id),
    person_id  INTEGER NOT NULL REFERENCES persons(id),
    other_id   INTEGER NOT NULL REFERENCES persons(id),
    score      REAL NOT NULL,
    reasons    TEXT NOT NULL,
    UNIQUE (job_id, person_id, other_id)
);
