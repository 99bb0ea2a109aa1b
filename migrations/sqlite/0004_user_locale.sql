-- The language a user reads the site in, for the mails sent to them.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'fr';
