-- Sojourn schema 23: the blocking keys of persons are kept in one B-tree,
-- by (key, person_id). The index by person only served to delete a
-- person's keys on a correction, merge or split; the store now recomputes
-- the keys to delete from the person's names as they were (store/
-- matchkeys.go), so registering a person writes each key once instead of
-- twice. The keys a database holds are those match.BlockingKeys makes
-- (unchanged since schema 11); a change to it comes with a migration that
-- writes them anew.
DROP INDEX person_match_keys_person;
