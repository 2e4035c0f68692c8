-- gongkai store, version 3: what loading needs to rebuild current state from
-- history, and working-day macros over the calendar.

-- Everything an item sighting carried, so items can be recomputed from
-- observations whatever order runs are loaded in.
ALTER TABLE item_observations ADD COLUMN url VARCHAR;
ALTER TABLE item_observations ADD COLUMN list_title VARCHAR;
ALTER TABLE item_observations ADD COLUMN index_no VARCHAR;
ALTER TABLE item_observations ADD COLUMN publisher VARCHAR;
ALTER TABLE item_observations ADD COLUMN doc_no VARCHAR;
ALTER TABLE item_observations ADD COLUMN topic VARCHAR;
ALTER TABLE item_observations ADD COLUMN validity VARCHAR;
ALTER TABLE item_observations ADD COLUMN links VARCHAR[];
ALTER TABLE item_observations ADD COLUMN detail_error VARCHAR;
COMMENT ON COLUMN item_observations.detail_fetched IS 'False when the detail page was not fetched in this run (incremental run or failed fetch); the item then keeps the metadata of an earlier run.';
COMMENT ON COLUMN item_observations.links IS 'Canonical URLs the detail page links to on the unit''s site; empty when the detail page was not fetched.';

ALTER TABLE letter_observations ADD COLUMN letter_no VARCHAR;
ALTER TABLE letter_observations ADD COLUMN url VARCHAR;
ALTER TABLE letter_observations ADD COLUMN title VARCHAR;
ALTER TABLE letter_observations ADD COLUMN type VARCHAR;
ALTER TABLE letter_observations ADD COLUMN type_raw VARCHAR;
ALTER TABLE letter_observations ADD COLUMN received_at TIMESTAMP;
ALTER TABLE letter_observations ADD COLUMN received_date DATE;
ALTER TABLE letter_observations ADD COLUMN received_raw VARCHAR;
ALTER TABLE letter_observations ADD COLUMN replied_raw VARCHAR;
ALTER TABLE letter_observations ADD COLUMN shows_reply_time BOOLEAN;
ALTER TABLE letter_observations ADD COLUMN shows_handler BOOLEAN;
ALTER TABLE letter_observations ADD COLUMN shows_reply_content BOOLEAN;
ALTER TABLE letter_observations ADD COLUMN detail_fetched BOOLEAN;
ALTER TABLE letter_observations ADD COLUMN detail_error VARCHAR;
ALTER TABLE letter_observations ADD COLUMN list_sha256 VARCHAR;

-- Config order decides which column an item counts under.
ALTER TABLE columns ADD COLUMN position INTEGER;
COMMENT ON COLUMN columns.position IS 'Order of the column in the unit''s configuration, from 0; an item listed in several columns counts under the one with the lowest position.';
ALTER TABLE mailboxes ADD COLUMN position INTEGER;
COMMENT ON COLUMN mailboxes.position IS 'Order of the mailbox in the unit''s configuration, from 0.';

ALTER TABLE runs ADD COLUMN units_loaded INTEGER;
ALTER TABLE runs ADD COLUMN units_skipped INTEGER;
COMMENT ON COLUMN runs.units_loaded IS 'Units whose landing files were complete and loaded.';
COMMENT ON COLUMN runs.units_skipped IS 'Units listed by the run whose landing files were incomplete (not loaded).';
COMMENT ON COLUMN runs.loaded_at IS 'When the run was first loaded; loading it again keeps this time.';

-- Working-day arithmetic. workdays_between(a, b) counts the working days
-- strictly after a up to and including b (formed Monday, published Tuesday
-- = 1). add_workdays(d, n) is the n-th working day after d (a deadline).
CREATE MACRO workday_no(d) AS (SELECT c.workday_no FROM calendar c WHERE c.day = CAST(d AS DATE));
CREATE MACRO workdays_between(a, b) AS workday_no(b) - workday_no(a);
CREATE MACRO add_workdays(d, n) AS (
    SELECT min(c.day) FROM calendar c
    WHERE c.is_workday AND c.workday_no = workday_no(d) + n
);
COMMENT ON MACRO workday_no IS 'Running working-day number of a date (calendar.workday_no).';
COMMENT ON MACRO workdays_between IS 'Working days strictly after a up to and including b.';
COMMENT ON MACRO add_workdays IS 'The n-th working day after d (n >= 1), e.g. a reply deadline.';
