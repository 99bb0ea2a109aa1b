-- Share links of one wiki page for someone outside its space, as a document's are
-- (espaces::server::shares, the WIKI_PAGE kind): the token kept only as its SHA-256, an end
-- date, revocable; each opening of the link's page logged (time only, and the proof an
-- opening hands its own links) for the space's animators. Times are Unix seconds.
-- Mirrors migrations/postgres/0038_wiki_shares.sql.

CREATE TABLE wiki_page_shares (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX wiki_page_shares_page ON wiki_page_shares (page_id);

CREATE TABLE wiki_page_share_openings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    share_id BIGINT NOT NULL REFERENCES wiki_page_shares (id) ON DELETE CASCADE,
    opened_at BIGINT NOT NULL,
    proof_hash TEXT
);
CREATE INDEX wiki_page_share_openings_share ON wiki_page_share_openings (share_id, opened_at);
