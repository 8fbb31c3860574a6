-- Sojourn schema 21: a registry search by series, without words, reads the
-- series' items newest first and stops at the limit, instead of every item
-- of the authority (issue 14: search over 1,000,000 items).
CREATE INDEX corr_items_series ON corr_items(series_id, id);
