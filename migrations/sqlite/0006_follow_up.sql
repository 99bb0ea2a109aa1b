-- Stages follow-up: saved searches with alerts, messages between agents and candidates,
-- private agent notes, answer templates per direction, and the agents who handle a
-- direction's pool of spontaneous applications; the candidate's profile. Mirrors migrations/postgres/0006_follow_up.sql.

CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The search as URL parameters, e.g. "q=jardin&direction=DEVE".
    query TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Offers published before this time (unix seconds) are known to the account, and so are
    -- those listed in checked_ids (space-separated offer ids published at that very second).
    checked_at BIGINT NOT NULL,
    checked_ids TEXT NOT NULL
);
CREATE UNIQUE INDEX saved_searches_one_per_query ON saved_searches (user_id, query);

CREATE TABLE application_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- 1 when the candidate wrote it, 0 when an agent did.
    from_candidate BIGINT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX application_messages_application ON application_messages (application_id, at);

CREATE TABLE application_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX application_notes_application ON application_notes (application_id, at);

CREATE TABLE answer_templates (
    direction_id BIGINT NOT NULL REFERENCES directions (id),
    state TEXT NOT NULL CHECK (state IN ('accepted', 'declined')),
    body TEXT NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (direction_id, state)
);

CREATE TABLE pool_handlers (
    direction_id BIGINT NOT NULL REFERENCES directions (id),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (direction_id, user_id)
);
CREATE INDEX pool_handlers_user ON pool_handlers (user_id);

-- The candidate's profile, next to their CV (every field may stay empty).
ALTER TABLE candidate_profiles ADD COLUMN school TEXT NOT NULL DEFAULT '';
ALTER TABLE candidate_profiles ADD COLUMN discipline TEXT NOT NULL DEFAULT '';
ALTER TABLE candidate_profiles ADD COLUMN education_level TEXT NOT NULL DEFAULT '';
ALTER TABLE candidate_profiles ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE candidate_profiles ADD COLUMN presentation TEXT NOT NULL DEFAULT '';
