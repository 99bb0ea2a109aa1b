-- Espaces' activity (issue 13, "Activity and notifications"). Every module records what
-- happened in a space (space_activity: who, which module, the action's translation key, the
-- subject's plain text and the page it links to); the space home lists it, "my spaces"
-- counts what is newer than a member's last visit (space_members.last_visit_at), mails go
-- out at once or in a daily digest by each member's choice (space_members.notify;
-- digest_through: the newest activity id a digest already told them of). space_mentions are
-- the members an activity mentions (the forum's @Name), unread until they open the space.
-- Times are Unix seconds.
-- Mirrors migrations/postgres/0028_space_activity.sql.

CREATE TABLE space_activity (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    module TEXT NOT NULL CHECK (module IN ('documents', 'forum', 'calendar', 'wiki')),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX space_activity_space ON space_activity (space_id, id);
CREATE INDEX space_activity_actor ON space_activity (actor_id);

CREATE TABLE space_mentions (
    activity_id BIGINT NOT NULL REFERENCES space_activity (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at BIGINT,
    PRIMARY KEY (activity_id, user_id)
);
CREATE INDEX space_mentions_user ON space_mentions (user_id, read_at);

ALTER TABLE space_members ADD COLUMN last_visit_at BIGINT;
ALTER TABLE space_members ADD COLUMN digest_through BIGINT NOT NULL DEFAULT 0;
