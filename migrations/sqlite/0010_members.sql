-- Innovation community: member profiles for the directory, and the messages members send
-- each other through the site (addresses never shown). Mirrors migrations/postgres/0010_members.sql.

CREATE TABLE member_profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    job_title TEXT NOT NULL,
    organisation TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    -- " 3 7 ": innovation field ids.
    field_ids TEXT NOT NULL,
    languages TEXT NOT NULL,
    bio TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX member_profiles_country ON member_profiles (country);

CREATE TABLE member_contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sender_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at BIGINT NOT NULL
);
CREATE INDEX member_contacts_sender ON member_contacts (sender_id, at);
