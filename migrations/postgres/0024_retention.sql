-- Retention (src/*/server/retention.rs): what the periodic rounds need to delete or anonymise
-- personal data past its period. Mirrors migrations/sqlite/0024_retention.sql.

-- When the account was last used: set at each sign-in and, at most once a day, when a signed-in
-- session is used (accounts::server::auth). Accounts that exist before this migration start from
-- the migration's time (their last sign-in was never recorded: counting from their creation
-- could delete an account used yesterday); NULL (rows written without it) counts from creation.
ALTER TABLE users ADD COLUMN last_seen_at BIGINT;
-- When the owner of an inactive account was warned of its deletion (once; a sign-in clears it).
ALTER TABLE users ADD COLUMN inactivity_warned_at BIGINT;
UPDATE users SET last_seen_at = CAST(EXTRACT(EPOCH FROM now()) AS BIGINT);

-- What the Stages dashboard counts of an application that is gone (deleted by retention or with
-- its candidate's account): no person, only the direction, the offer, the last state and the
-- dates. Filled by the trigger below, whoever deletes the application (a cascade included), so
-- the dashboard's figures do not change when the people behind them go.
CREATE TABLE application_figures (
    application_id BIGINT PRIMARY KEY,
    offer_id BIGINT REFERENCES offers (id),
    direction_id BIGINT NOT NULL REFERENCES directions (id),
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    first_answer_at BIGINT
);
CREATE INDEX application_figures_direction ON application_figures (direction_id);

CREATE FUNCTION applications_keep_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO application_figures (application_id, offer_id, direction_id, state, created_at, first_answer_at)
    VALUES (OLD.id, OLD.offer_id, OLD.direction_id, OLD.state, OLD.created_at, OLD.first_answer_at)
    ON CONFLICT (application_id) DO NOTHING;
    RETURN OLD;
END;
$$;
CREATE TRIGGER applications_keep_figures BEFORE DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_keep_figures();

-- The rounds' searches: finished applications by their last move.
CREATE INDEX applications_state_updated ON applications (state, updated_at);
