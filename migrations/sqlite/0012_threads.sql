-- Innovation community, second part: discussion threads, one flag table for every kind of
-- contribution, follows of fiches, threads, fields and cities, the e-mail digest, and linked
-- translations of fiches. Mirrors migrations/postgres/0012_threads.sql.

-- Discussion threads: a member asks the community a question ("Who has tried…?"), tied to
-- fields; members reply.
CREATE TABLE threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- " 3 7 ": innovation field ids.
    field_ids TEXT NOT NULL,
    -- Stemmed words of title and question, French and English stems both.
    search_terms TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_reply_at BIGINT NOT NULL,
    -- Hidden by an editor: gone from lists, pages, feeds and search, with its replies.
    hidden_at BIGINT
);
CREATE INDEX threads_last_reply ON threads (last_reply_at);

CREATE TABLE thread_replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    hidden_at BIGINT
);
CREATE INDEX thread_replies_thread ON thread_replies (thread_id, created_at);

-- One table of flags for every kind of contribution (comments, threads, replies).
CREATE TABLE flags (
    item_kind TEXT NOT NULL CHECK (item_kind IN ('comment', 'thread', 'reply')),
    item_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (item_kind, item_id, user_id)
);
INSERT INTO flags (item_kind, item_id, user_id, reason, at) SELECT 'comment', comment_id, user_id, reason, at FROM comment_flags;
DROP TABLE comment_flags;

-- What a member follows: a fiche or a thread (by id), a field (by id) or a city
-- ("City|Country", as fiches spell them). Their news reach the member's notifications.
CREATE TABLE follows (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('fiche', 'thread', 'field', 'city')),
    target TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, target)
);
CREATE INDEX follows_target ON follows (kind, target);
INSERT INTO follows (user_id, kind, target) SELECT user_id, 'fiche', CAST(fiche_id AS TEXT) FROM fiche_followers;
DROP TABLE fiche_followers;

-- The e-mail digest: notifications not yet mailed, and members who turned it off.
ALTER TABLE notifications ADD COLUMN mailed_at BIGINT;
CREATE TABLE digest_optouts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE
);

-- A fiche may be the translation of another (in another language); all translations point
-- at the same original.
ALTER TABLE fiches ADD COLUMN translation_of BIGINT REFERENCES fiches (id) ON DELETE SET NULL;
