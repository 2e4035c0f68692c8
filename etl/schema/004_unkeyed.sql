-- gongkai store, version 4: the history tables without primary keys.
--
-- DuckDB keeps an ART index for every primary key. On the tables that grow
-- by a million rows a run, the indexes made a load several times slower
-- (and deleting a reloaded run's rows very much slower) while checking
-- nothing the loader does not already guarantee: it stores one row per key
-- (see docs/schema.md, "Keys"). DuckDB cannot drop a constraint, so each
-- table is rebuilt with the same columns in the same order.

CREATE TABLE items_v4 (
    unit_id         VARCHAR NOT NULL,
    canonical_url   VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    column_id       VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    title           VARCHAR,
    publish_date    DATE,
    publish_raw     VARCHAR,
    formed_date     DATE,
    formed_raw      VARCHAR,
    list_date       DATE,
    list_date_raw   VARCHAR,
    index_no        VARCHAR,
    publisher       VARCHAR,
    doc_no          VARCHAR,
    topic           VARCHAR,
    validity        VARCHAR,
    detail_sha256   VARCHAR,
    first_seen_run  VARCHAR NOT NULL,
    last_seen_run   VARCHAR NOT NULL,
    first_seen_date DATE NOT NULL,
    last_seen_date  DATE NOT NULL
);
INSERT INTO items_v4 SELECT * FROM items;
DROP TABLE items;
ALTER TABLE items_v4 RENAME TO items;

CREATE TABLE item_observations_v4 (
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
    url            VARCHAR,
    list_title     VARCHAR,
    index_no       VARCHAR,
    publisher      VARCHAR,
    doc_no         VARCHAR,
    topic          VARCHAR,
    validity       VARCHAR,
    links          VARCHAR[],
    detail_error   VARCHAR
);
INSERT INTO item_observations_v4 SELECT * FROM item_observations;
DROP TABLE item_observations;
ALTER TABLE item_observations_v4 RENAME TO item_observations;

CREATE TABLE item_links_v4 (
    unit_id  VARCHAR NOT NULL,
    from_url VARCHAR NOT NULL,
    to_url   VARCHAR NOT NULL,
    run_id   VARCHAR NOT NULL
);
INSERT INTO item_links_v4 SELECT * FROM item_links;
DROP TABLE item_links;
ALTER TABLE item_links_v4 RENAME TO item_links;

CREATE TABLE letters_v4 (
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
    last_seen_run       VARCHAR NOT NULL
);
INSERT INTO letters_v4 SELECT * FROM letters;
DROP TABLE letters;
ALTER TABLE letters_v4 RENAME TO letters;

CREATE TABLE letter_observations_v4 (
    run_id              VARCHAR NOT NULL,
    unit_id             VARCHAR NOT NULL,
    mailbox_id          VARCHAR NOT NULL,
    letter_key          VARCHAR NOT NULL,
    status              VARCHAR NOT NULL,
    status_raw          VARCHAR,
    handler             VARCHAR,
    replied_at          TIMESTAMP,
    replied_date        DATE,
    detail_sha256       VARCHAR,
    seen_at             TIMESTAMP,
    letter_no           VARCHAR,
    url                 VARCHAR,
    title               VARCHAR,
    type                VARCHAR,
    type_raw            VARCHAR,
    received_at         TIMESTAMP,
    received_date       DATE,
    received_raw        VARCHAR,
    replied_raw         VARCHAR,
    shows_reply_time    BOOLEAN,
    shows_handler       BOOLEAN,
    shows_reply_content BOOLEAN,
    detail_fetched      BOOLEAN,
    detail_error        VARCHAR,
    list_sha256         VARCHAR
);
INSERT INTO letter_observations_v4 SELECT * FROM letter_observations;
DROP TABLE letter_observations;
ALTER TABLE letter_observations_v4 RENAME TO letter_observations;

CREATE TABLE column_runs_v4 (
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
    finished_at TIMESTAMP
);
INSERT INTO column_runs_v4 SELECT * FROM column_runs;
DROP TABLE column_runs;
ALTER TABLE column_runs_v4 RENAME TO column_runs;

CREATE TABLE home_observations_v4 (
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
    fetched_at   TIMESTAMP
);
INSERT INTO home_observations_v4 SELECT * FROM home_observations;
DROP TABLE home_observations;
ALTER TABLE home_observations_v4 RENAME TO home_observations;

CREATE TABLE findings_v4 (
    run_id  VARCHAR NOT NULL,
    unit_id VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    detail  VARCHAR
);
INSERT INTO findings_v4 SELECT * FROM findings;
DROP TABLE findings;
ALTER TABLE findings_v4 RENAME TO findings;

