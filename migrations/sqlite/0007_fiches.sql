-- Innovation: fiches, their revisions and editorial reviews, and the admin-kept list of
-- brand and product names the independence checks look for. Mirrors
-- migrations/postgres/0007_fiches.sql.

CREATE TABLE fiches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id BIGINT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'changes_requested', 'published', 'rejected')),
    -- The working copy, as the author last saved it (JSON of the form).
    working TEXT NOT NULL,
    -- The revision readers see, once one was published.
    published_revision_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX fiches_author ON fiches (author_id, updated_at);
CREATE INDEX fiches_state ON fiches (state, updated_at);

-- A snapshot at each submission; the published one feeds the public pages (HTML cached).
CREATE TABLE fiche_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fiche_id BIGINT NOT NULL REFERENCES fiches (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    content TEXT NOT NULL,
    body_html TEXT NOT NULL,
    results_html TEXT NOT NULL,
    lessons_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE UNIQUE INDEX fiche_revisions_number ON fiche_revisions (fiche_id, number);

-- What the catalogue filters on: the published revision's facts, one row per fiche.
CREATE TABLE fiche_catalogue (
    fiche_id BIGINT PRIMARY KEY REFERENCES fiches (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    maturity TEXT NOT NULL,
    -- " 3 7 ": field ids, and ", tag, tag, " for whole-item LIKE matches.
    field_ids TEXT NOT NULL,
    tags TEXT NOT NULL,
    -- Stemmed words of the texts, French and English stems both (" velo bicycl "…).
    search_terms TEXT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX fiche_catalogue_country ON fiche_catalogue (country, published_at);
CREATE INDEX fiche_catalogue_published ON fiche_catalogue (published_at);

CREATE TABLE fiche_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fiche_id BIGINT NOT NULL REFERENCES fiches (id) ON DELETE CASCADE,
    revision_id BIGINT REFERENCES fiche_revisions (id) ON DELETE SET NULL,
    editor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL CHECK (action IN ('comment', 'request_changes', 'reject', 'publish')),
    comment TEXT NOT NULL,
    -- 1 when the editor acknowledged the independence warnings before publishing.
    acknowledged BIGINT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX fiche_reviews_fiche ON fiche_reviews (fiche_id, at);

CREATE TABLE promo_terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term TEXT NOT NULL UNIQUE,
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    added_at BIGINT NOT NULL
);
