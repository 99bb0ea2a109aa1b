-- Espaces' live wiki (issue 14). wiki_pages are a space's pages: title (title_key, its folded
-- form, is unique within the space so that `[[Page title]]` finds one page), place in the page
-- tree (parent_id, position among its siblings), deleted_at (in the bin). A page's body is a
-- Yjs document (yrs on the server): wiki_updates is its append-only log of binary updates (lib0
-- v1 encoding) in the order they became durable (id), each with the account that sent it;
-- wiki_snapshots holds the compacted state (one update holding everything up to the log rows
-- it replaced, which are deleted). wiki_clients maps each Yjs client id seen on a page to the
-- account that wrote with it: authorship (blame) comes from the CRDT's own items, and no one
-- may write under another's client id. Times are Unix seconds.
-- Mirrors migrations/sqlite/0032_wiki.sql.

CREATE TABLE wiki_pages (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    parent_id BIGINT REFERENCES wiki_pages (id) ON DELETE SET NULL,
    position BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE UNIQUE INDEX wiki_pages_title ON wiki_pages (space_id, title_key);
CREATE INDEX wiki_pages_parent ON wiki_pages (parent_id);
CREATE INDEX wiki_pages_created_by ON wiki_pages (created_by);

CREATE TABLE wiki_updates (
    id BIGSERIAL PRIMARY KEY,
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    body BYTEA NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX wiki_updates_page ON wiki_updates (page_id, id);
CREATE INDEX wiki_updates_user ON wiki_updates (user_id);

CREATE TABLE wiki_snapshots (
    page_id BIGINT PRIMARY KEY REFERENCES wiki_pages (id) ON DELETE CASCADE,
    body BYTEA NOT NULL,
    updates_folded BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE wiki_clients (
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    first_seen_at BIGINT NOT NULL,
    PRIMARY KEY (page_id, client_id)
);
CREATE INDEX wiki_clients_user ON wiki_clients (user_id);
