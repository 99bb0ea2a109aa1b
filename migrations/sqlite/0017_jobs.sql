-- Durable background work (src/server/jobs): what must happen because of a change (a mail
-- above all) is recorded here in the same transaction as the change, then claimed by one
-- worker of one process (a lease: locked_by until locked_until; an expired lease is claimed
-- again), retried with exponential back-off, and left 'failed' for a site admin to retry.
-- States: queued, running, done, failed. Times are Unix seconds.
-- Mirrors migrations/postgres/0017_jobs.sql.

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    run_at BIGINT NOT NULL,
    locked_by TEXT,
    locked_until BIGINT,
    last_error TEXT,
    dedup_key TEXT,
    created_at BIGINT NOT NULL,
    done_at BIGINT
);

-- The same work is never queued twice (a second enqueue with the key does nothing).
CREATE UNIQUE INDEX jobs_dedup ON jobs (dedup_key);
-- What a worker claims next, and what the admin page lists.
CREATE INDEX jobs_due ON jobs (state, run_at);

-- Periodic rounds (alerts, digest, housekeeping) run once per period across every process:
-- a process runs a round only when its UPDATE moved next_run_at forward.
CREATE TABLE periodic_rounds (
    name TEXT PRIMARY KEY,
    next_run_at BIGINT NOT NULL,
    last_run_at BIGINT,
    last_run_by TEXT
);
