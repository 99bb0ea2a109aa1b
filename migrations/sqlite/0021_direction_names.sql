-- A direction is known by its code and by its name: two directions may share neither.
-- Named as PostgreSQL names a UNIQUE constraint (table_columns_key), so a refusal is mapped
-- to its form field by one rule on both backends (src/server/db.rs, `UniqueKey`).
-- Mirrors migrations/postgres/0021_direction_names.sql.

CREATE UNIQUE INDEX directions_name_key ON directions (name);
