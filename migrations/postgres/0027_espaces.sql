-- Espaces: self-service workspaces (issue 13, "Spaces and people"). A space has a name, a
-- description, the template it was made from, a visibility (private: members only; agents:
-- every signed-in city agent reads it; public: everyone reads it), the modules it uses
-- (space_modules), the time zone its dates are in, and archived_at (set: read-only).
-- space_members gives each member one role (animator: members and settings; contributor;
-- reader), an optional end of access (outside partners) and a notification setting.
-- space_invitations are mailed to an address with a role; the token is made when the mail is
-- sent and kept only as its SHA-256 (token_hash, NULL until then); an invitation expires,
-- can be revoked, and is accepted once. space_sign_in_links are the one-time links mailed to
-- a partner to sign in without a password (SHA-256 of the token, short life, single use).
-- space_agents are the city agents a site admin named (besides staff roles and the
-- configured e-mail domains, `[espaces] agent_domains`). users.email_verified_at is when the
-- account proved it reads its address (a mailed link used): only then does its domain count.
-- Times are Unix seconds.
-- Mirrors migrations/sqlite/0027_espaces.sql.

ALTER TABLE users ADD COLUMN email_verified_at BIGINT;

CREATE TABLE spaces (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL CHECK (template IN ('project', 'network', 'plan')),
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'agents', 'public')),
    time_zone TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE INDEX spaces_visibility ON spaces (visibility, archived_at);

CREATE TABLE space_modules (
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    module TEXT NOT NULL CHECK (module IN ('documents', 'forum', 'calendar', 'wiki')),
    PRIMARY KEY (space_id, module)
);

CREATE TABLE space_members (
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('animator', 'contributor', 'reader')),
    access_ends_at BIGINT,
    notify TEXT NOT NULL DEFAULT 'site' CHECK (notify IN ('site', 'immediate', 'digest')),
    joined_at BIGINT NOT NULL,
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (space_id, user_id)
);
CREATE INDEX space_members_user ON space_members (user_id);

CREATE TABLE space_invitations (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('animator', 'contributor', 'reader')),
    access_ends_at BIGINT,
    locale TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    accepted_at BIGINT,
    accepted_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX space_invitations_space ON space_invitations (space_id, created_at);
CREATE INDEX space_invitations_email ON space_invitations (email);
CREATE UNIQUE INDEX space_invitations_one_pending ON space_invitations (space_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE space_sign_in_links (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX space_sign_in_links_expires ON space_sign_in_links (expires_at);

CREATE TABLE space_agents (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL
);
