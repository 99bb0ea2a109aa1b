-- Espaces' shared calendar (issue 13, "Shared calendar"). space_events are a space's events:
-- title, place, description (Markdown), start and end as civil date-times in the space's
-- time zone (spaces.time_zone; 'YYYY-MM-DDTHH:MM:SS', so a weekly 10:00 stays at 10:00 across
-- daylight-saving changes), all_day (1: whole days, the end is the start of the day after the
-- last), an optional recurrence (weekly or monthly, every `every` weeks or months, until a
-- local date or for a number of occurrences), starts_at / last_ends_at (Unix seconds: the
-- first start and the last end, NULL for a recurrence without end) to find the events of a
-- period, and uid (the iCalendar UID). space_event_exceptions are the cancelled occurrences
-- (the local date of their start). space_event_attendees are the members invited, with their
-- answer (pending, yes, no, maybe). space_event_reminders are the occurrences whose reminder
-- was queued (once each). space_calendar_feeds are each member's private feed token (its
-- SHA-256 only). Times are Unix seconds.
-- Mirrors migrations/postgres/0031_space_calendar.sql.

CREATE TABLE space_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    all_day BIGINT NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    starts_local TEXT NOT NULL,
    ends_local TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    last_ends_at BIGINT,
    recurrence TEXT NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'weekly', 'monthly')),
    every BIGINT NOT NULL DEFAULT 1 CHECK (every >= 1),
    until_date TEXT,
    occurrences BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX space_events_space ON space_events (space_id, starts_at);
CREATE INDEX space_events_created_by ON space_events (created_by);

CREATE TABLE space_event_exceptions (
    event_id BIGINT NOT NULL REFERENCES space_events (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL,
    PRIMARY KEY (event_id, occurrence_date)
);

CREATE TABLE space_event_attendees (
    event_id BIGINT NOT NULL REFERENCES space_events (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answer TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'yes', 'no', 'maybe')),
    invited_at BIGINT NOT NULL,
    answered_at BIGINT,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX space_event_attendees_user ON space_event_attendees (user_id);

CREATE TABLE space_event_reminders (
    event_id BIGINT NOT NULL REFERENCES space_events (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL,
    queued_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, occurrence_date)
);

CREATE TABLE space_calendar_feeds (
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (space_id, user_id)
);
CREATE INDEX space_calendar_feeds_user ON space_calendar_feeds (user_id);
