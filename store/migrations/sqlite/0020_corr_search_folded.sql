-- Sojourn schema 20: the full-text index of correspondence holds subject
-- and body folded (lower case, no diacritics) as the searched words are, so
-- that SQLite and PostgreSQL find the same items; it is written anew from
-- the items right after this migration (store.afterMigration).
DELETE FROM corr_fts;
