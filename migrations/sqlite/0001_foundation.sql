-- Foundation: reference data, accounts, roles, sessions. Mirrors migrations/postgres/0001_foundation.sql.

CREATE TABLE directions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    archived_at BIGINT
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    direction_id BIGINT NOT NULL REFERENCES directions (id),
    name TEXT NOT NULL,
    archived_at BIGINT,
    UNIQUE (direction_id, name)
);

CREATE TABLE metier_families (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE metiers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    family_id BIGINT NOT NULL REFERENCES metier_families (id),
    name TEXT NOT NULL,
    archived_at BIGINT,
    UNIQUE (family_id, name)
);

CREATE TABLE innovation_fields (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    archived_at BIGINT
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('candidate', 'member', 'host_agent', 'direction_admin', 'editor', 'site_admin')),
    direction_id BIGINT REFERENCES directions (id),
    service_id BIGINT REFERENCES services (id),
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    CHECK ((role = 'host_agent') = (service_id IS NOT NULL)),
    CHECK ((role = 'direction_admin') = (direction_id IS NOT NULL))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, COALESCE(direction_id, 0), COALESCE(service_id, 0));

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
