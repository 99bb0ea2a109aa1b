-- The offers an alert round already told a saved search about at its mark's very second were
-- a space-separated list in saved_searches.checked_ids, compared as text by the round's
-- compare-and-set. They become a table, and the compare-and-set reads a version number that
-- every move of the mark increments. Mirrors migrations/postgres/0022_saved_search_marks.sql.

CREATE TABLE saved_search_known (
    search_id BIGINT NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    offer_id BIGINT NOT NULL,
    PRIMARY KEY (search_id, offer_id)
);

ALTER TABLE saved_searches ADD COLUMN mark_version BIGINT NOT NULL DEFAULT 0;

WITH RECURSIVE split (owner, item, rest) AS (
    SELECT id, '', checked_ids || ' ' FROM saved_searches
    UNION ALL
    SELECT owner, trim(substr(rest, 1, instr(rest, ' ') - 1)), substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> ''
)
INSERT INTO saved_search_known (search_id, offer_id) SELECT DISTINCT owner, CAST(trim(item) AS BIGINT) FROM split WHERE trim(item) <> '';

ALTER TABLE saved_searches DROP COLUMN checked_ids;
