-- Sojourn schema 19: the record of a case an outgoing item of the registry
-- was produced from (issue 14): a decision, a referral or an owed report,
-- each producing at most one item.
CREATE TABLE corr_sources (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL UNIQUE REFERENCES corr_items(id),
    kind       TEXT NOT NULL,
    source_id  INTEGER NOT NULL,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    UNIQUE (kind, source_id)
);
