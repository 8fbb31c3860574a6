-- Sojourn schema 22: a registry search within a few days reads the items of
-- those days through this index instead of every item newest first until
-- it has enough (issue 14: search over 1,000,000 items).
CREATE INDEX corr_items_date ON corr_items(item_date);
