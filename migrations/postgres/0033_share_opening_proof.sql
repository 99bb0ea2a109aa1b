-- An opening of a share link's page gets a random proof (stored as its SHA-256), carried by the
-- page's download and preview links: a file fetched with the proof of a recent opening is
-- part of that opening; any other fetch of the file is logged as an opening of its own. (The
-- Referer decided before, and a forged one hid a download from the animators.)
ALTER TABLE space_document_share_openings ADD COLUMN proof_hash TEXT;
CREATE INDEX space_document_share_openings_proof ON space_document_share_openings (proof_hash);
