-- The live wiki's history (issue 14). wiki_revisions are a page's revisions, numbered from 1:
-- each is cut when editing goes quiet (saved_by NULL) or on demand (saved_by, note), and holds
-- the log rows up to through_update, the page's title and Markdown then, and its HTML as
-- readers get it (the reading cache of that revision; NULL when it must be rendered again,
-- e.g. after a page its links point to was created or renamed). restored_from: the number of
-- the revision it brought back. wiki_revision_authors: the accounts whose updates it holds.
-- wiki_pages.revised_at and revised_through: when its last revision was cut, and the last log
-- row it held (the round cuts a page with log rows past it, quiet since). Times are Unix
-- seconds.
-- Mirrors migrations/postgres/0034_wiki_history.sql.

CREATE TABLE wiki_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    through_update BIGINT NOT NULL,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    body_html TEXT,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    restored_from BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX wiki_revisions_number ON wiki_revisions (page_id, number);
CREATE INDEX wiki_revisions_saved_by ON wiki_revisions (saved_by);
CREATE INDEX wiki_revisions_created ON wiki_revisions (created_at);

CREATE TABLE wiki_revision_authors (
    revision_id BIGINT NOT NULL REFERENCES wiki_revisions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (revision_id, user_id)
);
CREATE INDEX wiki_revision_authors_user ON wiki_revision_authors (user_id);

ALTER TABLE wiki_pages ADD COLUMN revised_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE wiki_pages ADD COLUMN revised_through BIGINT NOT NULL DEFAULT 0;
