-- gongkai store, version 1: what the crawler saw, with history.
-- Dates are Asia/Shanghai calendar dates; timestamps are Asia/Shanghai local time.

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    period        VARCHAR,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    cutoff        DATE NOT NULL,
    complete      BOOLEAN NOT NULL,
    version       VARCHAR,
    config_sha256 VARCHAR,
    loaded_at     TIMESTAMP NOT NULL
);
COMMENT ON TABLE runs IS 'One row per crawl run loaded. cutoff is the date the data was collected: every metric is computed as of a run''s cutoff, never as of today.';
COMMENT ON COLUMN runs.run_id IS 'Run identifier (r + UTC start time); sorts in time order.';
COMMENT ON COLUMN runs.period IS 'The period the run was made for, e.g. 2026-10, when given.';
COMMENT ON COLUMN runs.cutoff IS 'Date the data was collected (Asia/Shanghai).';
COMMENT ON COLUMN runs.complete IS 'True when every unit was attempted; false for a run that was stopped and not resumed.';

CREATE TABLE units (
    unit_id           VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    kind_group        VARCHAR NOT NULL,
    home_url          VARCHAR,
    must_have_mailbox BOOLEAN NOT NULL,
    last_run          VARCHAR NOT NULL
);
COMMENT ON TABLE units IS 'Units under assessment, as configured in the newest run that listed them.';
COMMENT ON COLUMN units.kind IS '部门, 乡镇 or 街道.';
COMMENT ON COLUMN units.kind_group IS 'Ranking group: 部门, or 乡镇街道 for towns and streets.';
COMMENT ON COLUMN units.home_url IS 'Configured home page, NULL when none.';
COMMENT ON COLUMN units.must_have_mailbox IS 'Whether the rules expect the unit to run a mailbox (veto 6).';

CREATE TABLE columns (
    unit_id         VARCHAR NOT NULL,
    column_id       VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    category_source VARCHAR NOT NULL,
    profile         VARCHAR,
    last_run        VARCHAR NOT NULL,
    PRIMARY KEY (unit_id, column_id)
);
COMMENT ON TABLE columns IS 'Configured 政府信息公开 columns of each unit and the standard category each maps to.';
COMMENT ON COLUMN columns.category IS 'Standard category (机构领导 … 其他); 其他 when unmapped.';
COMMENT ON COLUMN columns.category_source IS 'config (set in the config file), rule (from the column name by the built-in rules) or unmapped.';

CREATE TABLE mailboxes (
    unit_id    VARCHAR NOT NULL,
    mailbox_id VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    url        VARCHAR NOT NULL,
    format     VARCHAR,
    last_run   VARCHAR NOT NULL,
    PRIMARY KEY (unit_id, mailbox_id)
);
COMMENT ON TABLE mailboxes IS 'Configured mailboxes (领导信箱, 在线咨询 …) of each unit.';

CREATE TABLE items (
    unit_id          VARCHAR NOT NULL,
    canonical_url    VARCHAR NOT NULL,
    url              VARCHAR NOT NULL,
    column_id        VARCHAR NOT NULL,
    category         VARCHAR NOT NULL,
    title            VARCHAR,
    publish_date     DATE,
    publish_raw      VARCHAR,
    formed_date      DATE,
    formed_raw       VARCHAR,
    list_date        DATE,
    list_date_raw    VARCHAR,
    index_no         VARCHAR,
    publisher        VARCHAR,
    doc_no           VARCHAR,
    topic            VARCHAR,
    validity         VARCHAR,
    detail_sha256    VARCHAR,
    first_seen_run   VARCHAR NOT NULL,
    last_seen_run    VARCHAR NOT NULL,
    first_seen_date  DATE NOT NULL,
    last_seen_date   DATE NOT NULL,
    PRIMARY KEY (unit_id, canonical_url)
);
COMMENT ON TABLE items IS 'One row per posted item (canonical URL) per unit, with its newest known metadata and when it was first and last seen.';
COMMENT ON COLUMN items.column_id IS 'The first column (in config order) that lists the item; the item counts under this column''s category.';
COMMENT ON COLUMN items.publish_date IS '发布日期: from the detail page when it shows one, else from the list. NULL when unparseable or absent (see publish_raw).';
COMMENT ON COLUMN items.formed_date IS '成文日期, NULL when the page shows none.';
COMMENT ON COLUMN items.detail_sha256 IS 'sha256 of the stored detail page snapshot (landing/snapshots/xx/sha.gz).';
COMMENT ON COLUMN items.first_seen_run IS 'First run that listed the item.';
COMMENT ON COLUMN items.last_seen_run IS 'Newest run that listed the item; older than the newest run means the item disappeared.';

CREATE TABLE item_observations (
    run_id         VARCHAR NOT NULL,
    unit_id        VARCHAR NOT NULL,
    canonical_url  VARCHAR NOT NULL,
    column_id      VARCHAR NOT NULL,
    title          VARCHAR,
    publish_date   DATE,
    publish_raw    VARCHAR,
    formed_date    DATE,
    formed_raw     VARCHAR,
    list_date      DATE,
    list_date_raw  VARCHAR,
    list_page      INTEGER,
    position       INTEGER,
    detail_fetched BOOLEAN,
    list_sha256    VARCHAR,
    detail_sha256  VARCHAR,
    seen_at        TIMESTAMP,
    PRIMARY KEY (run_id, unit_id, canonical_url, column_id)
);
COMMENT ON TABLE item_observations IS 'Every sighting of an item in a column in a run: the history behind items (back-dated and deleted posts).';

CREATE TABLE item_links (
    unit_id   VARCHAR NOT NULL,
    from_url  VARCHAR NOT NULL,
    to_url    VARCHAR NOT NULL,
    run_id    VARCHAR NOT NULL,
    PRIMARY KEY (unit_id, from_url, to_url)
);
COMMENT ON TABLE item_links IS 'Links from an item''s detail page to other pages on the unit''s site (canonical URLs), e.g. a policy and its interpretation. run_id is the newest run that saw the link.';

CREATE TABLE letters (
    unit_id             VARCHAR NOT NULL,
    mailbox_id          VARCHAR NOT NULL,
    letter_key          VARCHAR NOT NULL,
    letter_no           VARCHAR,
    url                 VARCHAR,
    title               VARCHAR,
    type                VARCHAR NOT NULL,
    type_raw            VARCHAR,
    received_at         TIMESTAMP,
    received_date       DATE,
    received_raw        VARCHAR,
    status              VARCHAR NOT NULL,
    status_raw          VARCHAR,
    handler             VARCHAR,
    replied_at          TIMESTAMP,
    replied_date        DATE,
    replied_raw         VARCHAR,
    shows_reply_time    BOOLEAN,
    shows_handler       BOOLEAN,
    shows_reply_content BOOLEAN,
    detail_sha256       VARCHAR,
    first_seen_run      VARCHAR NOT NULL,
    last_seen_run       VARCHAR NOT NULL,
    PRIMARY KEY (unit_id, mailbox_id, letter_key)
);
COMMENT ON TABLE letters IS 'One row per letter, with its state in the newest run that saw it.';
COMMENT ON COLUMN letters.letter_key IS '信件编号 when the site shows one, else the canonical detail URL.';
COMMENT ON COLUMN letters.type IS '咨询, 投诉, 建议, 求助 or 其他.';
COMMENT ON COLUMN letters.status IS 'replied, in_progress, unreplied or unknown (normalised from status_raw).';
COMMENT ON COLUMN letters.replied_date IS '回复时间 as a date; NULL when not replied or not shown.';

CREATE TABLE letter_observations (
    run_id        VARCHAR NOT NULL,
    unit_id       VARCHAR NOT NULL,
    mailbox_id    VARCHAR NOT NULL,
    letter_key    VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    status_raw    VARCHAR,
    handler       VARCHAR,
    replied_at    TIMESTAMP,
    replied_date  DATE,
    detail_sha256 VARCHAR,
    seen_at       TIMESTAMP,
    PRIMARY KEY (run_id, unit_id, mailbox_id, letter_key)
);
COMMENT ON TABLE letter_observations IS 'A letter''s status in each run, so "unreplied in October, replied in November" is kept.';

CREATE TABLE column_runs (
    run_id      VARCHAR NOT NULL,
    unit_id     VARCHAR NOT NULL,
    column_id   VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    url         VARCHAR,
    profile     VARCHAR,
    encoding    VARCHAR,
    pages       INTEGER,
    found       INTEGER,
    total_pages INTEGER,
    complete    BOOLEAN,
    incremental BOOLEAN,
    outcome     VARCHAR NOT NULL,
    error       VARCHAR,
    newest      DATE,
    finished_at TIMESTAMP,
    PRIMARY KEY (run_id, unit_id, column_id)
);
COMMENT ON TABLE column_runs IS 'How each column (kind=column) and mailbox (kind=mailbox) was crawled in each run. outcome: ok, failed, blocked, empty, robots.';

CREATE TABLE home_observations (
    run_id       VARCHAR NOT NULL,
    unit_id      VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    ok           BOOLEAN NOT NULL,
    status       INTEGER,
    error        VARCHAR,
    newest_date  DATE,
    newest_raw   VARCHAR,
    newest_url   VARCHAR,
    newest_title VARCHAR,
    sha256       VARCHAR,
    fetched_at   TIMESTAMP,
    PRIMARY KEY (run_id, unit_id)
);
COMMENT ON TABLE home_observations IS 'Each run''s look at a unit''s home page: whether it answered and its newest dated link.';

CREATE TABLE page_attempts (
    run_id      VARCHAR NOT NULL,
    unit_id     VARCHAR NOT NULL,
    column_id   VARCHAR,
    kind        VARCHAR NOT NULL,
    method      VARCHAR,
    url         VARCHAR NOT NULL,
    attempt     INTEGER NOT NULL,
    status      INTEGER,
    bytes       BIGINT,
    duration_ms BIGINT,
    outcome     VARCHAR NOT NULL,
    error       VARCHAR,
    sha256      VARCHAR,
    fetched_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE page_attempts IS 'Every attempt to fetch a page (coverage). kind: home, robots, list, detail, mailbox_list, letter_detail. outcome: ok, failed, blocked, robots.';

CREATE TABLE findings (
    run_id  VARCHAR NOT NULL,
    unit_id VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    detail  VARCHAR,
    PRIMARY KEY (run_id, unit_id, kind, subject)
);
COMMENT ON TABLE findings IS 'Data-quality findings per run: unparseable_date, missing_publish_date, missing_formed_date, duplicate_across_columns, selector_drift, back_dated, unmapped_column. subject is the URL or column it is about.';

CREATE TABLE calendar (
    day          DATE PRIMARY KEY,
    is_workday   BOOLEAN NOT NULL,
    holiday      VARCHAR,
    is_makeup    BOOLEAN NOT NULL,
    source       VARCHAR NOT NULL,
    workday_no   INTEGER NOT NULL
);
COMMENT ON TABLE calendar IS 'Every day from 2015 to 2035 with its working-day flag from the State Council holiday schedule (with make-up working days, 调休) and local overrides.';
COMMENT ON COLUMN calendar.is_makeup IS 'A weekend day that is a make-up working day (调休上班).';
COMMENT ON COLUMN calendar.source IS 'weekday, weekend, holiday, makeup or override.';
COMMENT ON COLUMN calendar.workday_no IS 'Number of working days up to and including this day: the working days strictly after a and up to b are workday_no(b) - workday_no(a).';
