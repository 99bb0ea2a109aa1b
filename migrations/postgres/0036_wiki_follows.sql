-- Following a wiki page (issue 14): wiki_follows holds who follows which page, the last
-- revision they saw (seen_through: they opened the page since) and the last one a digest told
-- them of (mailed_through). The wiki's list shows a follower the followed pages with newer
-- revisions; the `wiki.follows` round mails each a digest of them. An erased account's
-- follows go.
-- Mirrors migrations/sqlite/0036_wiki_follows.sql.

CREATE TABLE wiki_follows (
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_through BIGINT NOT NULL DEFAULT 0,
    mailed_through BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (page_id, user_id)
);
CREATE INDEX wiki_follows_user ON wiki_follows (user_id);
