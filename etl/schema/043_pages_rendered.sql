-- A list or mailbox page read through a headless browser is stored as the
-- DOM the browser built, not the answer to a request; its attempt row says
-- so, so evidence and coverage can tell the two apart. Rows loaded before
-- this column existed hold NULL: not recorded.
ALTER TABLE page_attempts ADD COLUMN rendered BOOLEAN;
COMMENT ON COLUMN page_attempts.rendered IS 'True when the stored snapshot is a headless browser''s DOM of the page (a list built by scripts), false for the answer to a request; NULL for rows loaded before this was recorded.';
