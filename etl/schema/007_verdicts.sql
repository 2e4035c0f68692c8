-- gongkai store, version 7: the verdict of every source (column, mailbox,
-- home page) in every run, with the figures behind it; which runs may be a
-- default cutoff; and what the store knows of each item's detail page and
-- removal. A judgement (blank, stale, 无可用信箱, 首页不更新) rests only on
-- a verdict of complete or empty.

ALTER TABLE column_runs ADD COLUMN verdict VARCHAR;
ALTER TABLE column_runs ADD COLUMN verdict_reason VARCHAR;
ALTER TABLE column_runs ADD COLUMN verdict_derived BOOLEAN;
ALTER TABLE column_runs ADD COLUMN site_total INTEGER;
ALTER TABLE column_runs ADD COLUMN distinct_items INTEGER;
ALTER TABLE column_runs ADD COLUMN last_page_seen BOOLEAN;
ALTER TABLE column_runs ADD COLUMN details_failed INTEGER;
ALTER TABLE column_runs ADD COLUMN recognised VARCHAR;
ALTER TABLE column_runs ADD COLUMN rendered BOOLEAN;

-- A verdict for a crawl that recorded none (an older crawler), from what
-- it did record. An old "empty" never becomes a verified empty: nothing in
-- it says the site itself showed zero. The loader derives with the same
-- macros (see docs/schema.md, "Verdicts").
CREATE MACRO gk_derive_verdict(outcome, complete) AS CASE
    WHEN outcome = 'blocked' THEN 'blocked'
    WHEN outcome IN ('failed', 'robots') THEN 'failed'
    WHEN outcome = 'empty' THEN 'suspect'
    WHEN outcome = 'ok' AND coalesce(complete, false) THEN 'complete'
    WHEN outcome = 'ok' THEN 'partial'
    ELSE 'failed' END;
CREATE MACRO gk_derive_verdict_reason(outcome, complete) AS CASE
    WHEN outcome = 'blocked' THEN '被拦截'
    WHEN outcome = 'robots' THEN 'robots.txt 不允许抓取'
    WHEN outcome = 'failed' THEN '抓取失败'
    WHEN outcome = 'empty' THEN '列表为空, 但没有网站自报为零的证据(旧版本记录)'
    WHEN outcome = 'ok' AND coalesce(complete, false) THEN '已翻至末页(旧版本记录, 未与网站自报总数核对)'
    WHEN outcome = 'ok' THEN '未读完全部页'
    ELSE '结果未知' END;
COMMENT ON MACRO gk_derive_verdict IS 'The verdict of a crawl that recorded none, from its outcome and complete flag.';
COMMENT ON MACRO gk_derive_verdict_reason IS 'The reason given with gk_derive_verdict.';

UPDATE column_runs SET verdict_derived = true,
    verdict = gk_derive_verdict(outcome, complete),
    verdict_reason = gk_derive_verdict_reason(outcome, complete)
WHERE verdict IS NULL;

ALTER TABLE home_observations ADD COLUMN verdict VARCHAR;
ALTER TABLE home_observations ADD COLUMN verdict_derived BOOLEAN;
CREATE MACRO gk_derive_home_verdict(ok, status, error) AS CASE
    WHEN ok THEN 'complete'
    WHEN coalesce(error, '') LIKE 'blocked%' OR status IN (403, 412) THEN 'blocked'
    ELSE 'failed' END;
COMMENT ON MACRO gk_derive_home_verdict IS 'The verdict of a home page observation that recorded none.';
UPDATE home_observations SET verdict_derived = true, verdict = gk_derive_home_verdict(ok, status, error)
WHERE verdict IS NULL;

ALTER TABLE runs ADD COLUMN sources INTEGER;
ALTER TABLE runs ADD COLUMN sources_failed INTEGER;
ALTER TABLE runs ADD COLUMN default_cutoff BOOLEAN;
UPDATE runs SET default_cutoff = complete WHERE default_cutoff IS NULL;

ALTER TABLE items ADD COLUMN detail_fetched_run VARCHAR;
ALTER TABLE items ADD COLUMN detail_failed_run VARCHAR;
ALTER TABLE items ADD COLUMN removed_run VARCHAR;
ALTER TABLE items ADD COLUMN removed_url VARCHAR;
ALTER TABLE items ADD COLUMN removed_status INTEGER;

COMMENT ON TABLE column_runs IS 'How each column (kind=column) and mailbox (kind=mailbox) was crawled in each run, and its verdict: whether what was read can be judged on. outcome: ok, failed, blocked, empty, robots.';
COMMENT ON COLUMN column_runs.verdict IS 'complete, partial, failed, blocked, suspect, empty or needs_browser. Only complete and empty are verified: a blank or stale column, or a missing mailbox, is judged only on them.';
COMMENT ON COLUMN column_runs.verdict_reason IS 'Why the verdict, in words a user can act on (e.g. 共48条, 读到18条).';
COMMENT ON COLUMN column_runs.verdict_derived IS 'True when the crawl recorded no verdict (an older crawler) and the loader derived one from outcome and complete; an old empty list is then suspect, never verified empty.';
COMMENT ON COLUMN column_runs.site_total IS 'Records the site says the source holds (共N条, totalRecord, a JSON total); NULL when the site stated no figure.';
COMMENT ON COLUMN column_runs.distinct_items IS 'Distinct items or letters read.';
COMMENT ON COLUMN column_runs.last_page_seen IS 'The last page was reached by the site''s own word (the pager''s last page, a last page without 下一页).';
COMMENT ON COLUMN column_runs.details_failed IS 'Listed items whose detail page could not be read in this run: listed, not verified.';
COMMENT ON COLUMN column_runs.recognised IS 'What the auto profile recognised the list as (a site family or a generic list shape).';
COMMENT ON COLUMN column_runs.rendered IS 'The list was read from a headless browser''s page rather than the static HTML.';

COMMENT ON COLUMN home_observations.verdict IS 'complete when the page was fetched and read, blocked for a WAF or challenge page, else failed. 首页不更新 is judged only on complete.';
COMMENT ON COLUMN home_observations.verdict_derived IS 'True when the crawl recorded no verdict and the loader derived it from ok, status and error.';

COMMENT ON COLUMN runs.sources IS 'Sources the run was configured to read: columns, mailboxes and home pages of its units.';
COMMENT ON COLUMN runs.sources_failed IS 'Of those, the ones not read at all: verdict failed or blocked, or the unit''s files missing.';
COMMENT ON COLUMN runs.default_cutoff IS 'Whether the run may be a metric''s default cutoff: complete, and no more than the configured share of its sources failed. A run that is not is loaded and can still be named as a cutoff.';

COMMENT ON TABLE findings IS 'Data-quality findings per run: unparseable_date, missing_publish_date, missing_formed_date, duplicate_across_columns, selector_drift, back_dated, unmapped_column, removed (已删除: no longer listed by a complete read and the page answered not found). subject is the URL or column it is about.';
COMMENT ON COLUMN items.detail_fetched_run IS 'First run that read the item''s detail page; NULL when none has.';
COMMENT ON COLUMN items.detail_failed_run IS 'First run whose attempt at the detail page failed (not a page outside the unit''s hosts). Until a run reads the page, the item is listed, not verified: it is not counted in 发布数量 or 发布及时率.';
COMMENT ON COLUMN items.removed_run IS 'First run after the item was last listed whose complete read of its column did not list it and whose request of its detail page answered 404 or 410: the item was removed (已删除). It is not counted at cutoffs from that run on.';
COMMENT ON COLUMN items.removed_url IS 'The detail URL that answered not found in removed_run.';
COMMENT ON COLUMN items.removed_status IS 'The HTTP status of that answer.';
