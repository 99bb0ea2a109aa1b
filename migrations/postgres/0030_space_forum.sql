-- Espaces' forum (issue 13, "Forum"). forum_categories are a space's categories; the one
-- whose name is empty is the default, shown "Général" / "General" (at most one per space,
-- made when first needed; deleting a category moves its threads there). forum_threads have a
-- title, an author, pinned_at and locked_at (set: pinned, locked; animators). forum_posts are
-- a thread's opening post (its lowest id) and its replies, in Markdown (body_md) and as
-- sanitised HTML (body_html); edited_at is set by an edit; solution_at marks the reply chosen
-- as the thread's solution (at most one per thread). forum_post_terms are the posts' search
-- terms (French and English stems, as thread_terms). forum_reads hold, for each account and
-- thread, the newest post it has read (the unread markers). An erased author's posts stay,
-- under the tombstone's former-member name. Times are Unix seconds.
-- Mirrors migrations/sqlite/0030_space_forum.sql.

CREATE TABLE forum_categories (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX forum_categories_space ON forum_categories (space_id, name);
CREATE UNIQUE INDEX forum_categories_one_default ON forum_categories (space_id) WHERE name = '';

CREATE TABLE forum_threads (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES forum_categories (id),
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    pinned_at BIGINT,
    locked_at BIGINT,
    created_at BIGINT NOT NULL,
    last_post_at BIGINT NOT NULL
);
CREATE INDEX forum_threads_space ON forum_threads (space_id, last_post_at);
CREATE INDEX forum_threads_category ON forum_threads (category_id);
CREATE INDEX forum_threads_author ON forum_threads (author_id);

CREATE TABLE forum_posts (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES forum_threads (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    solution_at BIGINT
);
CREATE INDEX forum_posts_thread ON forum_posts (thread_id, id);
CREATE INDEX forum_posts_author ON forum_posts (author_id);

CREATE TABLE forum_post_terms (
    term TEXT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES forum_posts (id) ON DELETE CASCADE,
    PRIMARY KEY (term, post_id)
);
CREATE INDEX forum_post_terms_post ON forum_post_terms (post_id);

CREATE TABLE forum_reads (
    thread_id BIGINT NOT NULL REFERENCES forum_threads (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_post_id BIGINT NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX forum_reads_user ON forum_reads (user_id);
