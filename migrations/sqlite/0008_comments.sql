-- Innovation community: comments on fiches, members' flags, and the editors' moderation log.
-- Mirrors migrations/postgres/0008_comments.sql.

CREATE TABLE fiche_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fiche_id BIGINT NOT NULL REFERENCES fiches (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Hidden by an editor: gone from pages and feeds, kept for the log and a possible restore.
    hidden_at BIGINT
);
CREATE INDEX fiche_comments_fiche ON fiche_comments (fiche_id, created_at);

CREATE TABLE comment_flags (
    comment_id BIGINT NOT NULL REFERENCES fiche_comments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('hide', 'restore', 'delete')),
    editor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX moderation_log_at ON moderation_log (at);
