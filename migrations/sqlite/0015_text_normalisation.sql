-- One text normalisation for everything matched (src/server/text.rs). Folded keys beside the
-- text they fold, for comparisons the database must make by key (a mention's name, a city,
-- a followed place): the database's LOWER() folds ASCII only, so it never compares names.
-- The keys and every stored search term are filled, and refilled whenever the normalisation
-- changes, at start (src/server/text_rebuild.rs), from the version kept in
-- text_normalisation (no row: terms of the old per-letter table, rebuilt).
-- Mirrors migrations/postgres/0014_text_normalisation.sql.

CREATE TABLE text_normalisation (
    id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);

-- A mention "@Émile Öztürk" and the accounts admin search find a member by this key.
ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX users_name_key ON users (name_key);

-- Browsing by city: "Montreal", "montréal" and "MONTRÉAL" are one city.
ALTER TABLE fiche_catalogue ADD COLUMN city_key TEXT NOT NULL DEFAULT '';
CREATE INDEX fiche_catalogue_city_key ON fiche_catalogue (city_key, published_at);

-- Followers of a city are told of a fiche set there however the fiche spells it.
ALTER TABLE follows ADD COLUMN target_key TEXT NOT NULL DEFAULT '';
CREATE INDEX follows_target_key ON follows (kind, target_key);
