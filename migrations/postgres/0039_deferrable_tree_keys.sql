-- A table's rows that name another row of the same table (a wiki page's parent, a folder's,
-- the fiche a fiche translates)
-- may name a later one: a wiki page moves under a page created after it. The copy from SQLite
-- to PostgreSQL (server::copy_to_postgres) fills each table in row order, in batches, with
-- the foreign keys deferred to its commit; PostgreSQL defers only keys declared DEFERRABLE.
-- They stay checked at each statement otherwise (INITIALLY IMMEDIATE).
-- Mirrors migrations/sqlite/0039_deferrable_tree_keys.sql.

ALTER TABLE wiki_pages ALTER CONSTRAINT wiki_pages_parent_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE space_folders ALTER CONSTRAINT space_folders_parent_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE fiches ALTER CONSTRAINT fiches_translation_of_fkey DEFERRABLE INITIALLY IMMEDIATE;
