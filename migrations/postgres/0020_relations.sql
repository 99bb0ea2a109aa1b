-- Relations as tables, not text: the fields, tags and search terms of published fiches, the
-- fields and search terms of threads and the fields of member profiles were lists written
-- into one text column (" 3 7 ", ", tag, tag, ", " velo bicycl ") and matched with LIKE.
-- Each becomes a join table, filled here from the old column, which is then dropped.
-- Mirrors migrations/sqlite/0020_relations.sql.

-- The fields of a published fiche (of its published revision), for browsing by field and
-- related fiches.
CREATE TABLE fiche_fields (
    fiche_id BIGINT NOT NULL REFERENCES fiche_catalogue (fiche_id) ON DELETE CASCADE,
    field_id BIGINT NOT NULL REFERENCES innovation_fields (id),
    PRIMARY KEY (fiche_id, field_id)
);
CREATE INDEX fiche_fields_field ON fiche_fields (field_id, fiche_id);

-- The tags of a published fiche, each folded by src/server/text.rs (`key`).
CREATE TABLE fiche_tags (
    fiche_id BIGINT NOT NULL REFERENCES fiche_catalogue (fiche_id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (fiche_id, tag)
);
CREATE INDEX fiche_tags_tag ON fiche_tags (tag, fiche_id);

-- The search index of published fiches: each search term (French and English stems of the
-- folded words, src/server/text.rs `bilingual_terms`) and the fiches holding it.
CREATE TABLE fiche_terms (
    term TEXT NOT NULL,
    fiche_id BIGINT NOT NULL REFERENCES fiche_catalogue (fiche_id) ON DELETE CASCADE,
    PRIMARY KEY (term, fiche_id)
);
CREATE INDEX fiche_terms_fiche ON fiche_terms (fiche_id);

-- The fields a discussion thread is tied to.
CREATE TABLE thread_fields (
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    field_id BIGINT NOT NULL REFERENCES innovation_fields (id),
    PRIMARY KEY (thread_id, field_id)
);
CREATE INDEX thread_fields_field ON thread_fields (field_id, thread_id);

-- The search index of threads (title and question), as fiche_terms.
CREATE TABLE thread_terms (
    term TEXT NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    PRIMARY KEY (term, thread_id)
);
CREATE INDEX thread_terms_thread ON thread_terms (thread_id);

-- The fields a member works in (their directory profile).
CREATE TABLE member_fields (
    user_id BIGINT NOT NULL REFERENCES member_profiles (user_id) ON DELETE CASCADE,
    field_id BIGINT NOT NULL REFERENCES innovation_fields (id),
    PRIMARY KEY (user_id, field_id)
);
CREATE INDEX member_fields_field ON member_fields (field_id, user_id);

-- The old lists, split. Field ids no field has are left out.
INSERT INTO fiche_fields (fiche_id, field_id) SELECT DISTINCT owner, f.id FROM (SELECT fiche_id AS owner, trim(item) AS item FROM fiche_catalogue, regexp_split_to_table(field_ids, '\s+') AS item) split JOIN innovation_fields f ON CAST(f.id AS TEXT) = split.item WHERE item <> '';
INSERT INTO fiche_tags (fiche_id, tag) SELECT DISTINCT owner, split.item FROM (SELECT fiche_id AS owner, trim(item) AS item FROM fiche_catalogue, regexp_split_to_table(tags, ',') AS item) split WHERE item <> '';
INSERT INTO fiche_terms (fiche_id, term) SELECT DISTINCT owner, split.item FROM (SELECT fiche_id AS owner, trim(item) AS item FROM fiche_catalogue, regexp_split_to_table(search_terms, '\s+') AS item) split WHERE item <> '';
INSERT INTO thread_fields (thread_id, field_id) SELECT DISTINCT owner, f.id FROM (SELECT id AS owner, trim(item) AS item FROM threads, regexp_split_to_table(field_ids, '\s+') AS item) split JOIN innovation_fields f ON CAST(f.id AS TEXT) = split.item WHERE item <> '';
INSERT INTO thread_terms (thread_id, term) SELECT DISTINCT owner, split.item FROM (SELECT id AS owner, trim(item) AS item FROM threads, regexp_split_to_table(search_terms, '\s+') AS item) split WHERE item <> '';
INSERT INTO member_fields (user_id, field_id) SELECT DISTINCT owner, f.id FROM (SELECT user_id AS owner, trim(item) AS item FROM member_profiles, regexp_split_to_table(field_ids, '\s+') AS item) split JOIN innovation_fields f ON CAST(f.id AS TEXT) = split.item WHERE item <> '';

ALTER TABLE fiche_catalogue DROP COLUMN field_ids, DROP COLUMN tags, DROP COLUMN search_terms;
ALTER TABLE threads DROP COLUMN field_ids, DROP COLUMN search_terms;
ALTER TABLE member_profiles DROP COLUMN field_ids;
