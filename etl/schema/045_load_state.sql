-- gongkai store, version 45: what a load needs to bring items, item links
-- and letters up to date from the new run alone.
--
-- items and letters hold a current row per item and letter, but three of
-- the rules behind an item's row need more than that row (an item's newest
-- sighting per column and its date, for items a later incremental crawl
-- did not page to; every URL it was listed under per column, for removed
-- items; the titles its title is chosen from), and a letter's reply
-- details may come from an older sighting with the same status. These
-- tables keep exactly that, in their own schema: they are the loader's
-- bookkeeping, not something to query. A load of a run newer than every loaded run updates them and
-- the current rows from the run's sightings; any other load recomputes the
-- units it touches from every sighting, as before (docs/schema.md, "Load
-- state").
CREATE SCHEMA IF NOT EXISTS state;

CREATE TABLE state.item_state (
    unit_id           VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    meta_title        VARCHAR,
    meta_list_title   VARCHAR,
    newest_list_title VARCHAR
);
COMMENT ON TABLE state.item_state IS 'Per item: the titles items.title is chosen from (the title and list title of the sighting the metadata comes from, and the newest list title).';

CREATE TABLE state.item_columns (
    unit_id       VARCHAR NOT NULL,
    canonical_url VARCHAR NOT NULL,
    column_id     VARCHAR NOT NULL,
    last_run      VARCHAR NOT NULL,
    last_date     DATE
);
COMMENT ON TABLE state.item_columns IS 'Per item and column that listed it: the newest run that did, and the newest 发布日期 (else list date) known from that column.';

CREATE TABLE state.item_urls (
    unit_id       VARCHAR NOT NULL,
    canonical_url VARCHAR NOT NULL,
    column_id     VARCHAR NOT NULL,
    url           VARCHAR
);
COMMENT ON TABLE state.item_urls IS 'Every URL an item was listed under, per column.';

CREATE TABLE state.letter_replies (
    unit_id             VARCHAR NOT NULL,
    mailbox_id          VARCHAR NOT NULL,
    letter_key          VARCHAR NOT NULL,
    status              VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL,
    handler             VARCHAR,
    replied_at          TIMESTAMP,
    replied_date        DATE,
    replied_raw         VARCHAR,
    shows_reply_time    BOOLEAN,
    shows_handler       BOOLEAN,
    shows_reply_content BOOLEAN,
    detail_sha256       VARCHAR
);
COMMENT ON TABLE state.letter_replies IS 'Per letter and status: the reply details of the newest sighting that read the letter''s page with that status.';

-- Whether the tables above hold the state of every unit. A store loaded
-- by an earlier version has sightings and no state: its next load
-- recomputes every unit once and fills them.
CREATE TABLE state.load_state (built BOOLEAN NOT NULL);
INSERT INTO state.load_state
SELECT NOT EXISTS (SELECT 1 FROM item_observations) AND NOT EXISTS (SELECT 1 FROM letter_observations);
