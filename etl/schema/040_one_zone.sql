-- Every stored timestamp is Asia/Shanghai wall time (TIMESTAMP without a
-- zone), as the crawl records them. Two were not:
--
-- schema_migrations.applied_at took the session's local time, which on a
-- server is usually UTC. The rows written so far were written by this
-- machine's sessions, so they are read in the session's zone and shifted
-- to Asia/Shanghai (no change where that zone is already the local one),
-- and new rows take Asia/Shanghai time.
-- (The table as etl creates it before any migration; here too for a store
-- built by applying these files by hand.)
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL,
    name       VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
UPDATE schema_migrations
SET applied_at = timezone('Asia/Shanghai', timezone(current_setting('TimeZone'), applied_at));
ALTER TABLE schema_migrations ALTER COLUMN applied_at SET DEFAULT timezone('Asia/Shanghai', current_timestamp);

-- rule_sets.installed_at was written as UTC.
UPDATE rule_sets SET installed_at = installed_at + INTERVAL 8 HOURS;
