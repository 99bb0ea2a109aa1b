-- Deleting one's account (accounts/server/erasure.rs). The users row stays as an anonymised
-- tombstone, marked by erased_at: the account can no longer sign in, its sessions end, and its
-- address is free again; what the account leaves behind (published fiches, decided
-- applications) still points at it and shows "ancien membre". The deletion is confirmed from
-- a mailed link whose token is kept only as a SHA-256 hash, like a password reset's.
-- Mirrors migrations/postgres/0025_erasure.sql.

ALTER TABLE users ADD COLUMN erased_at BIGINT;

CREATE TABLE erasure_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    -- 1 when the person also asked to remove their comments, threads and replies.
    remove_contributions BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX erasure_requests_user ON erasure_requests (user_id);
