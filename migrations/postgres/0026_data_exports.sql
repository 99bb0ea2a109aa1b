-- "My data" (GDPR right of access and portability): a person asks for everything Parvis
-- holds about them; a job prepares a ZIP under <data_dir>/exports and mails a link that
-- expires (retention.data_exports_days). State 'preparing' until the job has written the
-- file, then 'ready' (file_name, bytes, the SHA-256 of the link's token, expires_at). At
-- most one request is being prepared per account. Expired rows and files are deleted
-- (accounts::server::data_export::delete_expired_exports). Times are Unix seconds.
-- Mirrors migrations/sqlite/0026_data_exports.sql.

CREATE TABLE data_exports (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('preparing', 'ready')),
    requested_at BIGINT NOT NULL,
    ready_at BIGINT,
    expires_at BIGINT,
    file_name TEXT,
    bytes BIGINT,
    token_hash TEXT UNIQUE
);
CREATE INDEX data_exports_user ON data_exports (user_id, requested_at);
CREATE UNIQUE INDEX data_exports_one_preparing ON data_exports (user_id) WHERE state = 'preparing';
CREATE INDEX data_exports_expires ON data_exports (expires_at);
