-- 采集完整性: what each unit's as-of crawl could and could not fetch.
-- Other metrics use gk.coverage(as_of).complete to mark (never to zero) a
-- unit whose pages are missing.
--
-- Internal macros name their parameter CTE and its columns uniquely
-- (cs_p.cs_cd …) and pass (SELECT cs_cd FROM cs_p) to the macros they call:
-- a parameter used once keeps the inlined query small.

-- Every configured column with its newest crawl at as_of, its items, and
-- whether that crawl can be trusted (coverage_ok).
CREATE OR REPLACE MACRO gk.column_state(as_of) AS TABLE
WITH cs_p AS MATERIALIZED (SELECT CAST(as_of AS DATE) AS cs_cd),
cr AS MATERIALIZED (SELECT * FROM gk.column_run((SELECT cs_cd FROM cs_p)) WHERE kind = 'column'),
its AS MATERIALIZED (
    SELECT ic.unit_id, ic.column_id, i.url, i.publish_date
    FROM gk.item_columns((SELECT cs_cd FROM cs_p)) ic
    JOIN gk.items((SELECT cs_cd FROM cs_p)) i ON i.unit_id = ic.unit_id AND i.canonical_url = ic.canonical_url
),
agg AS (
    SELECT unit_id, column_id, count(*) AS items,
           count(*) FILTER (WHERE publish_date IS NULL) AS undated_items,
           max(publish_date) AS newest_date
    FROM its GROUP BY unit_id, column_id
),
newest AS (
    SELECT its.unit_id, its.column_id, min(its.url) AS newest_url
    FROM its JOIN agg ON agg.unit_id = its.unit_id AND agg.column_id = its.column_id AND its.publish_date = agg.newest_date
    GROUP BY its.unit_id, its.column_id
),
-- Selector drift: the crawl found nothing although an earlier run had seen
-- items in the column.
drift AS (
    SELECT cr.unit_id, cr.column_id,
           coalesce(cr.found, 0) = 0 AND cr.outcome IN ('ok', 'empty') AND fo.first_run < cr.run_id AS drift
    FROM cr JOIN gk.first_seen() fo ON fo.unit_id = cr.unit_id AND fo.column_id = cr.column_id
)
SELECT c.unit_id, c.column_id, c.name AS column_name, c.url, c.category,
       coalesce(agg.items, 0) AS items, coalesce(agg.undated_items, 0) AS undated_items,
       agg.newest_date, newest.newest_url,
       CAST(cs_p.cs_cd - agg.newest_date AS INTEGER) AS days_since,
       cr.run_id, cr.outcome, coalesce(drift.drift, false) AS drift,
       cr.run_id IS NOT NULL AND gk.verified(cr.verdict) AND NOT coalesce(drift.drift, false) AS coverage_ok,
       cs_p.cs_cd AS cutoff,
       CASE WHEN cr.run_id IS NULL THEN 'failed'
            WHEN coalesce(drift.drift, false) AND gk.verified(cr.verdict) THEN 'suspect'
            ELSE cr.verdict END AS verdict,
       CASE WHEN cr.run_id IS NULL THEN '未采集'
            WHEN coalesce(drift.drift, false) AND gk.verified(cr.verdict) THEN '本次未读到条目, 此前读到过(选择器失效?)'
            ELSE cr.verdict_reason END AS verdict_reason
FROM columns c CROSS JOIN cs_p
LEFT JOIN agg ON agg.unit_id = c.unit_id AND agg.column_id = c.column_id
LEFT JOIN newest ON newest.unit_id = c.unit_id AND newest.column_id = c.column_id
LEFT JOIN cr ON cr.unit_id = c.unit_id AND cr.column_id = c.column_id
LEFT JOIN drift ON drift.unit_id = c.unit_id AND drift.column_id = c.column_id;

-- The newest look at each configured home page at as_of.
CREATE OR REPLACE MACRO gk.home(as_of) AS TABLE
WITH gh_p AS (SELECT CAST(as_of AS DATE) AS gh_cd),
ranked AS (
    SELECT h.*, row_number() OVER (PARTITION BY h.unit_id ORDER BY r.cutoff DESC, coalesce(r.default_cutoff, false) DESC, h.run_id DESC) AS n
    FROM home_observations h JOIN runs r ON r.run_id = h.run_id CROSS JOIN gh_p
    WHERE r.cutoff <= gh_p.gh_cd
)
SELECT u.unit_id, u.home_url, h.run_id, h.ok, h.newest_date, h.newest_url, h.newest_title,
       CAST(gh_p.gh_cd - h.newest_date AS INTEGER) AS days_stale,
       coalesce(h.verdict, 'failed') AS verdict, h.status AS http_status, h.error AS home_error
FROM units u CROSS JOIN gh_p LEFT JOIN ranked h ON h.unit_id = u.unit_id AND h.n = 1
WHERE u.home_url IS NOT NULL;

-- Every page of each unit's as-of run, by kind and URL, with the outcome of
-- its last attempt (a retry that succeeded is a fetched page).
CREATE OR REPLACE MACRO gk.pages(as_of) AS TABLE
WITH att AS (
    SELECT a.unit_id, a.run_id, a.kind, a.url, a.outcome,
           row_number() OVER (PARTITION BY a.unit_id, a.kind, a.url ORDER BY a.attempt DESC, a.fetched_at DESC, a.outcome) AS n
    FROM page_attempts a JOIN gk.unit_run(as_of) ur ON ur.unit_id = a.unit_id AND ur.run_id = a.run_id
)
SELECT unit_id, run_id, kind, url, outcome FROM att WHERE n = 1;

-- One unit-run and one column-run look-up serve pages, columns and
-- mailboxes (materialised: planning them once is most of the cost).
CREATE OR REPLACE MACRO gk.coverage(as_of) AS TABLE
WITH cov_p AS MATERIALIZED (SELECT CAST(as_of AS DATE) AS cov_cd),
ur AS MATERIALIZED (SELECT * FROM gk.unit_run((SELECT cov_cd FROM cov_p))),
cr AS MATERIALIZED (SELECT * FROM gk.column_run((SELECT cov_cd FROM cov_p))),
-- gk.pages(as_of), on ur.
att AS (
    SELECT a.unit_id, a.run_id, a.kind, a.url, a.outcome,
           row_number() OVER (PARTITION BY a.unit_id, a.kind, a.url ORDER BY a.attempt DESC, a.fetched_at DESC, a.outcome) AS n
    FROM page_attempts a JOIN ur ON ur.unit_id = a.unit_id AND ur.run_id = a.run_id
),
pages AS (
    SELECT unit_id, count(*) AS pages,
           count(*) FILTER (WHERE outcome = 'ok') AS fetched,
           count(*) FILTER (WHERE outcome = 'failed') AS failed,
           count(*) FILTER (WHERE outcome = 'blocked') AS blocked,
           count(*) FILTER (WHERE outcome = 'robots') AS robots,
           count(*) FILTER (WHERE outcome IN ('failed', 'blocked') AND kind IN ('list', 'detail')) AS item_pages_failed
    FROM att WHERE n = 1 GROUP BY unit_id
),
cols AS (
    SELECT c.unit_id, count(*) AS columns,
           count(*) FILTER (WHERE cr.run_id IS NULL OR NOT gk.verified(cr.verdict)) AS columns_failed,
           count(*) FILTER (WHERE coalesce(cr.found, 0) = 0 AND cr.outcome IN ('ok', 'empty') AND fo.first_run < cr.run_id) AS drift_columns
    FROM columns c
    LEFT JOIN cr ON cr.kind = 'column' AND cr.unit_id = c.unit_id AND cr.column_id = c.column_id
    LEFT JOIN gk.first_seen() fo ON fo.unit_id = c.unit_id AND fo.column_id = c.column_id
    GROUP BY c.unit_id
),
mb AS (
    SELECT m.unit_id, count(*) AS mailboxes,
           count(*) FILTER (WHERE gk.verified(cr.verdict)) AS mailboxes_ok
    FROM mailboxes m
    LEFT JOIN cr ON cr.kind = 'mailbox' AND cr.unit_id = m.unit_id AND cr.column_id = m.mailbox_id
    GROUP BY m.unit_id
),
home AS (SELECT unit_id, verdict = 'complete' AS home_ok FROM gk.home((SELECT cov_cd FROM cov_p))),
t AS (
    SELECT u.unit_id, ur.run_id, ur.run_cutoff,
           coalesce(pages.pages, 0) AS pages, coalesce(pages.fetched, 0) AS fetched,
           coalesce(pages.failed, 0) AS failed, coalesce(pages.blocked, 0) AS blocked,
           coalesce(pages.robots, 0) AS robots,
           coalesce(pages.item_pages_failed, 0) AS item_pages_failed,
           coalesce(cols.columns, 0) AS columns, coalesce(cols.columns_failed, 0) AS columns_failed,
           coalesce(cols.drift_columns, 0) AS drift_columns,
           home.home_ok,
           coalesce(mb.mailboxes, 0) AS mailboxes,
           coalesce(mb.mailboxes, 0) - coalesce(mb.mailboxes_ok, 0) AS mailboxes_failed,
           coalesce(mb.mailboxes_ok, 0) AS mailboxes_ok
    FROM units u
    LEFT JOIN ur ON ur.unit_id = u.unit_id
    LEFT JOIN pages ON pages.unit_id = u.unit_id
    LEFT JOIN cols ON cols.unit_id = u.unit_id
    LEFT JOIN mb ON mb.unit_id = u.unit_id
    LEFT JOIN home ON home.unit_id = u.unit_id
)
SELECT *,
       CASE WHEN pages > 0 THEN (failed + blocked) / pages END AS fail_rate,
       run_id IS NOT NULL AND failed + blocked = 0 AND columns_failed = 0 AND drift_columns = 0
           AND coalesce(home_ok, true) AND mailboxes_failed = 0 AS complete,
       -- What the item metrics depend on: the columns' list and detail
       -- pages. A failing home page or mailbox does not mark them.
       run_id IS NOT NULL AND item_pages_failed = 0 AND columns_failed = 0 AND drift_columns = 0 AS items_complete
FROM t;

-- gk.coverage(as_of).mailboxes_failed alone (one row per unit, like
-- gk.coverage), for the letter metrics: a fraction of the plan.
CREATE OR REPLACE MACRO gk.mailbox_coverage(as_of) AS TABLE
SELECT u.unit_id, coalesce(mb.mailboxes, 0) - coalesce(mb.mailboxes_ok, 0) AS mailboxes_failed
FROM units u
LEFT JOIN (
    SELECT m.unit_id, count(*) AS mailboxes,
           count(*) FILTER (WHERE gk.verified(cr.verdict)) AS mailboxes_ok
    FROM mailboxes m
    LEFT JOIN gk.column_run(as_of) cr ON cr.kind = 'mailbox' AND cr.unit_id = m.unit_id AND cr.column_id = m.mailbox_id
    GROUP BY m.unit_id
) mb ON mb.unit_id = u.unit_id;

CREATE OR REPLACE MACRO coverage(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       c.run_id, c.run_cutoff, c.pages, c.fetched, c.failed, c.blocked, c.robots, round(c.fail_rate, 4) AS fail_rate,
       c.columns, c.columns_failed, c.drift_columns, c.home_ok, c.mailboxes_failed, c.complete
FROM gk.units(gk.rule_version(period_from)) u
JOIN gk.coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = u.unit_id
ORDER BY u.kind_group, u.unit_id;

-- Every source (column, mailbox, home page) of each unit at as_of with its
-- verdict and the figures behind it: what the site says it holds beside
-- what was read. verified: the verdict is complete or empty.
CREATE OR REPLACE MACRO gk.sources(as_of) AS TABLE
WITH sv_p AS MATERIALIZED (SELECT CAST(as_of AS DATE) AS sv_cd),
cr AS MATERIALIZED (SELECT * FROM gk.column_run((SELECT sv_cd FROM sv_p))),
cs AS (SELECT * FROM gk.column_state((SELECT sv_cd FROM sv_p)))
SELECT c.unit_id, 'column' AS source_kind, c.column_id AS source_id, c.name AS source_name, c.url,
       cr.run_id, cr.run_cutoff, cs.verdict, cs.verdict_reason,
       cr.site_total, cr.total_pages, cr.pages, cr.distinct_items AS items_read, cr.last_page_seen,
       cr.details_failed, cr.recognised, cr.rendered, coalesce(cr.verdict_derived, false) AS verdict_derived,
       cr.error, 1 AS ord
FROM columns c
JOIN cs ON cs.unit_id = c.unit_id AND cs.column_id = c.column_id
LEFT JOIN cr ON cr.kind = 'column' AND cr.unit_id = c.unit_id AND cr.column_id = c.column_id
UNION ALL
SELECT m.unit_id, 'mailbox', m.mailbox_id, m.name, m.url,
       cr.run_id, cr.run_cutoff, coalesce(cr.verdict, 'failed'), CASE WHEN cr.run_id IS NULL THEN '未采集' ELSE cr.verdict_reason END,
       cr.site_total, cr.total_pages, cr.pages, cr.distinct_items, cr.last_page_seen,
       cr.details_failed, cr.recognised, cr.rendered, coalesce(cr.verdict_derived, false), cr.error, 2
FROM mailboxes m
LEFT JOIN cr ON cr.kind = 'mailbox' AND cr.unit_id = m.unit_id AND cr.column_id = m.mailbox_id
UNION ALL
SELECT h.unit_id, 'home', 'home', '首页', h.home_url,
       h.run_id, r.cutoff, h.verdict, CASE WHEN h.run_id IS NULL THEN '未采集' ELSE h.home_error END,
       NULL, NULL, CASE WHEN h.run_id IS NOT NULL THEN 1 END, NULL, NULL, NULL, NULL, NULL, false, h.home_error, 0
FROM gk.home((SELECT sv_cd FROM sv_p)) h LEFT JOIN runs r ON r.run_id = h.run_id;

CREATE OR REPLACE MACRO source_verdicts(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       s.source_kind, s.source_id, s.source_name, s.url, s.run_id, s.run_cutoff,
       s.verdict, gk.verified(s.verdict) AS verified, s.verdict_reason,
       s.site_total, s.total_pages, s.pages, s.items_read, s.last_page_seen, s.details_failed,
       s.recognised, s.rendered, s.verdict_derived
FROM gk.units(gk.rule_version(period_from)) u
JOIN gk.sources(gk.cutoff(period_to, cutoff)) s ON s.unit_id = u.unit_id
ORDER BY u.kind_group, u.unit_id, s.ord, s.source_id;

-- What must be crawled again before the period can be judged: every
-- source whose verdict at the cutoff is not verified, with the
-- judgements that wait for it (analysts run this after a batch; `gongkai
-- crawl --units` takes the unit_id list).
CREATE OR REPLACE MACRO recrawl_needed(period_from, period_to, cutoff := NULL) AS TABLE
SELECT unit_id, unit_name, kind, kind_group, source_kind, source_id, source_name, url, run_id, verdict, verdict_reason,
       CASE source_kind
           WHEN 'home' THEN '首页不更新(否决1)'
           WHEN 'mailbox' THEN '互动回应、超期未答复(否决5)、无可用信箱(否决6)'
           ELSE '信息发布、发布及时、栏目维护、政策解读、栏目不更新与空白栏目(否决2-4)' END AS waiting
FROM source_verdicts(period_from, period_to, cutoff := cutoff)
WHERE NOT verified;
