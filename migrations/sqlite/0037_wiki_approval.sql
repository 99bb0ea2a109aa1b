-- Approval in a space's wiki (issue 14, optional per space): with wiki_settings.approval on,
-- readers get a page's last approved revision; live edits make revisions that wait for an
-- animator, who approves one (approved_at, approved_by) or asks for changes with a note
-- (changes_asked_at, changes_asked_by, changes_note). Switching approval on approves each
-- page's last revision as it stands. Times are Unix seconds.
-- Mirrors migrations/postgres/0037_wiki_approval.sql.

CREATE TABLE wiki_settings (
    space_id BIGINT PRIMARY KEY REFERENCES spaces (id) ON DELETE CASCADE,
    approval BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

ALTER TABLE wiki_revisions ADD COLUMN approved_at BIGINT;
ALTER TABLE wiki_revisions ADD COLUMN approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE wiki_revisions ADD COLUMN changes_asked_at BIGINT;
ALTER TABLE wiki_revisions ADD COLUMN changes_asked_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE wiki_revisions ADD COLUMN changes_note TEXT NOT NULL DEFAULT '';
CREATE INDEX wiki_revisions_approved_by ON wiki_revisions (approved_by);
CREATE INDEX wiki_revisions_changes_asked_by ON wiki_revisions (changes_asked_by);
