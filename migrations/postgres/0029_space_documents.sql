-- Espaces' documents (issue 13, "Documents"): a tree of folders per space (space_folders,
-- parent_id NULL at the top), documents in a folder (folder_id NULL: the space's top level),
-- each with its versions (space_document_versions, numbered from 1; the newest is the
-- document's current one). A version points at a stored file (space_document_files: the
-- storage key, its size, the type sniffed from its first bytes); restoring an old version
-- makes a new version sharing the same file, so a file counts once in the space's storage.
-- name_key is the name in lower case: a new upload of the same name in the same folder
-- becomes a new version of that document. deleted_at set: in the space's bin (it still counts
-- toward the quota until an animator empties the bin).
-- space_document_uploads lists uploads under way (their storage key): a row left by a crash
-- is swept with its file (`espaces::server::documents_store::sweep`).
-- space_document_shares are links to one document for someone outside the space: the token
-- is kept only as its SHA-256, the link expires and can be revoked; each opening is logged in
-- space_document_share_openings (time only) for the animators. Times are Unix seconds.
-- Mirrors migrations/sqlite/0029_space_documents.sql.

CREATE TABLE space_folders (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES space_folders (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX space_folders_name ON space_folders (space_id, COALESCE(parent_id, 0), name_key);

CREATE TABLE space_document_files (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL UNIQUE,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX space_document_files_space ON space_document_files (space_id);

CREATE TABLE space_documents (
    id BIGSERIAL PRIMARY KEY,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    folder_id BIGINT REFERENCES space_folders (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT,
    deleted_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX space_documents_name ON space_documents (space_id, COALESCE(folder_id, 0), name_key) WHERE deleted_at IS NULL;
CREATE INDEX space_documents_space ON space_documents (space_id, deleted_at);

CREATE TABLE space_document_versions (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES space_documents (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    file_id BIGINT NOT NULL REFERENCES space_document_files (id),
    original_name TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at BIGINT NOT NULL,
    restored_from BIGINT,
    UNIQUE (document_id, number)
);
CREATE INDEX space_document_versions_file ON space_document_versions (file_id);

CREATE TABLE space_document_uploads (
    storage_key TEXT PRIMARY KEY,
    space_id BIGINT NOT NULL,
    started_at BIGINT NOT NULL
);

CREATE TABLE space_document_shares (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES space_documents (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX space_document_shares_document ON space_document_shares (document_id);

CREATE TABLE space_document_share_openings (
    id BIGSERIAL PRIMARY KEY,
    share_id BIGINT NOT NULL REFERENCES space_document_shares (id) ON DELETE CASCADE,
    opened_at BIGINT NOT NULL
);
CREATE INDEX space_document_share_openings_share ON space_document_share_openings (share_id, opened_at);
