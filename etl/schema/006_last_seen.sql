-- An incremental run that stops paging a column early still counts the
-- older items of that column as seen: say so where analysts look.
COMMENT ON COLUMN items.last_seen_run IS 'Newest run that listed the item, or a later run whose incremental crawl of the item''s column stopped at newer items already seen (the item was not paged to, so it still counts as there); older than the newest run means the item disappeared.';
