-- Stages: candidate profiles with their CV, applications and their history.
-- Mirrors migrations/postgres/0003_applications.sql.

CREATE TABLE candidate_profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    cv_file TEXT,
    cv_bytes BIGINT,
    cv_uploaded_at BIGINT
);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    offer_id BIGINT REFERENCES offers (id),
    direction_id BIGINT NOT NULL REFERENCES directions (id),
    -- Spontaneous applications (no offer) may name a family of métiers.
    metier_family_id BIGINT REFERENCES metier_families (id),
    candidate_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cover_letter TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('received', 'in_review', 'interview', 'accepted', 'declined', 'withdrawn', 'expired')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    first_answer_at BIGINT
);
CREATE UNIQUE INDEX applications_one_per_offer ON applications (offer_id, candidate_id) WHERE offer_id IS NOT NULL;
-- One pending spontaneous application per candidate and direction.
CREATE UNIQUE INDEX applications_one_pending_spontaneous ON applications (direction_id, candidate_id)
    WHERE offer_id IS NULL AND state IN ('received', 'in_review', 'interview');
CREATE INDEX applications_candidate ON applications (candidate_id, updated_at);
CREATE INDEX applications_offer ON applications (offer_id, state);
CREATE INDEX applications_direction ON applications (direction_id, state);

CREATE TABLE application_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, at);
