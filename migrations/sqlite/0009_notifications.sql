-- Innovation community: members follow fiches, and hear on the site of new comments on what
-- they follow and of mentions of their name. Mirrors migrations/postgres/0009_notifications.sql.

CREATE TABLE fiche_followers (
    fiche_id BIGINT NOT NULL REFERENCES fiches (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (fiche_id, user_id)
);
CREATE INDEX fiche_followers_user ON fiche_followers (user_id);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- "comment" (on a followed fiche) or "mention".
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    subject TEXT NOT NULL,
    link TEXT NOT NULL,
    at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, at);
