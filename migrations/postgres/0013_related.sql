-- Related fiches: for each published fiche, the few others that share most of its tags,
-- fields and country, computed when it (or one of them) is published, so the fiche page
-- reads them by key; and indexes for browsing by city and finding translations. Mirrors migrations/sqlite/0013_related.sql.

CREATE TABLE fiche_related (
    fiche_id BIGINT NOT NULL REFERENCES fiches (id) ON DELETE CASCADE,
    related_id BIGINT NOT NULL REFERENCES fiches (id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    PRIMARY KEY (fiche_id, related_id)
);

-- Browsing by city, and the list of cities the browse form suggests.
CREATE INDEX fiche_catalogue_city ON fiche_catalogue (city, published_at);

-- A fiche page lists the translations of its original.
CREATE INDEX fiches_translation_of ON fiches (translation_of);
