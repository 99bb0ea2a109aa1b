-- The time zone an account reads dates in (an IANA name such as 'Europe/Paris'); '' keeps the
-- city's (configuration: city.time_zone), which visitors get too.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
