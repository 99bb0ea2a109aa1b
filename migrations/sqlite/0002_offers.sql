-- Stages: internship offers published by host services. Mirrors migrations/postgres/0002_offers.sql.

CREATE TABLE offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    direction_id BIGINT NOT NULL REFERENCES directions (id),
    service_id BIGINT NOT NULL REFERENCES services (id),
    metier_id BIGINT NOT NULL REFERENCES metiers (id),
    title TEXT NOT NULL,
    description_md TEXT NOT NULL,
    description_html TEXT NOT NULL,
    profile_md TEXT NOT NULL,
    profile_html TEXT NOT NULL,
    education_level TEXT NOT NULL CHECK (education_level IN ('bac', 'bac2', 'bac3', 'bac5', 'doctorat')),
    discipline TEXT NOT NULL,
    duration_weeks BIGINT NOT NULL CHECK (duration_weeks BETWEEN 1 AND 26),
    start_month TEXT NOT NULL,
    deadline TEXT NOT NULL,
    places BIGINT NOT NULL CHECK (places BETWEEN 1 AND 50),
    address TEXT NOT NULL,
    arrondissement BIGINT CHECK (arrondissement BETWEEN 1 AND 20),
    remote_days BIGINT NOT NULL CHECK (remote_days BETWEEN 0 AND 5),
    paid BIGINT NOT NULL CHECK (paid IN (0, 1)),
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'filled', 'closed', 'archived')),
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX offers_state_published ON offers (state, published_at);
CREATE INDEX offers_service ON offers (service_id, state);
CREATE INDEX offers_direction ON offers (direction_id, state);
