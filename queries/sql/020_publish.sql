-- 发布数量, 目标完成率, 空白月, 发布及时率: items with 发布日期 in the period,
-- one per canonical URL per unit, under their first column's category.

-- Items known at as_of with 发布日期 in [f, t], whose detail page was
-- read (an item listed whose page failed is listed, not verified: counted
-- apart by gk.listed_unverified).
CREATE OR REPLACE MACRO gk.published(f, t, as_of) AS TABLE
SELECT i.* FROM gk.items(as_of) i
WHERE i.publish_date BETWEEN CAST(f AS DATE) AND CAST(t AS DATE) AND NOT i.listed_unverified;

-- Items listed with 发布日期 in [f, t] whose detail page could not be read.
CREATE OR REPLACE MACRO gk.listed_unverified(f, t, as_of) AS TABLE
SELECT i.* FROM gk.items(as_of) i
WHERE i.publish_date BETWEEN CAST(f AS DATE) AND CAST(t AS DATE) AND i.listed_unverified;

CREATE OR REPLACE MACRO publish_counts(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, i.category,
       strftime(i.publish_date, '%Y-%m') AS month, count(*) AS items,
       c.items_complete AS coverage_complete
FROM gk.units(gk.rule_version(period_from)) u
JOIN gk.published(period_from, period_to, gk.cutoff(period_to, cutoff)) i ON i.unit_id = u.unit_id
JOIN gk.coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = u.unit_id
GROUP BY ALL
ORDER BY u.kind_group, u.unit_id, i.category, month;

-- Per unit: published items against the yearly target pro-rated by days
-- (days in the period up to the cutoff ÷ days in the year of f).
CREATE OR REPLACE MACRO gk.publish_summary(f, t, as_of, ver) AS TABLE
WITH ps_p AS (
    SELECT CAST(f AS DATE) AS ps_f, CAST(t AS DATE) AS ps_t, CAST(as_of AS DATE) AS ps_cd, ver AS ps_v
),
ps_d AS (
    SELECT greatest(gk.scored_to(ps_t, ps_cd) - ps_f + 1, 0) AS days,
           make_date(year(ps_f) + 1, 1, 1) - make_date(year(ps_f), 1, 1) AS year_days
    FROM ps_p
),
n AS (
    SELECT unit_id, count(*) AS published
    FROM gk.published((SELECT ps_f FROM ps_p), (SELECT ps_t FROM ps_p), (SELECT ps_cd FROM ps_p))
    GROUP BY unit_id
),
lu AS (
    SELECT unit_id, count(*) AS listed_unverified
    FROM gk.listed_unverified((SELECT ps_f FROM ps_p), (SELECT ps_t FROM ps_p), (SELECT ps_cd FROM ps_p))
    GROUP BY unit_id
),
s AS (
    SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
           coalesce(n.published, 0) AS published,
           u.yearly_target,
           u.yearly_target * ps_d.days / ps_d.year_days AS target,
           coalesce(lu.listed_unverified, 0) AS listed_unverified
    FROM gk.units((SELECT ps_v FROM ps_p)) u CROSS JOIN ps_d LEFT JOIN n ON n.unit_id = u.unit_id
    LEFT JOIN lu ON lu.unit_id = u.unit_id
)
SELECT s.*,
       CASE WHEN s.target > 0 THEN s.published / s.target END AS completion,
       CASE WHEN s.target > 0 THEN least(s.published / s.target, 1.0) END AS completion_scored
FROM s;

CREATE OR REPLACE MACRO publish_summary(period_from, period_to, cutoff := NULL) AS TABLE
SELECT s.* REPLACE (round(s.completion, 4) AS completion,
                   round(s.completion_scored, 4) AS completion_scored),
       c.items_complete AS coverage_complete
FROM gk.publish_summary(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) s
JOIN gk.coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = s.unit_id
ORDER BY s.kind_group, s.unit_id;

-- One row per unit and month of the period up to the cutoff (partial
-- months included). A month that had not ended by the cutoff is shown but
-- never blank; months after the cutoff are not listed.
CREATE OR REPLACE MACRO blank_months(period_from, period_to, cutoff := NULL) AS TABLE
WITH months AS (
    SELECT strftime(m, '%Y-%m') AS month,
           CAST(m + INTERVAL 1 MONTH AS DATE) - 1 <= gk.cutoff(period_to, cutoff) AS judged
    FROM generate_series(date_trunc('month', CAST(period_from AS DATE)), CAST(period_to AS DATE), INTERVAL 1 MONTH) g(m)
    WHERE m <= gk.scored_to(period_to, gk.cutoff(period_to, cutoff))
),
n AS (
    SELECT unit_id, strftime(publish_date, '%Y-%m') AS month, count(*) AS published
    FROM gk.published(period_from, period_to, gk.cutoff(period_to, cutoff)) GROUP BY ALL
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, months.month,
       coalesce(n.published, 0) AS published, u.monthly_minimum AS minimum,
       months.judged AND coalesce(n.published, 0) < u.monthly_minimum AS blank,
       months.judged,
       c.items_complete AS coverage_complete
FROM gk.units(gk.rule_version(period_from)) u CROSS JOIN months
LEFT JOIN n ON n.unit_id = u.unit_id AND n.month = months.month
JOIN gk.coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = u.unit_id
ORDER BY u.kind_group, u.unit_id, months.month;

-- 发布及时率 detail: every item published in the period.
CREATE OR REPLACE MACRO gk.timeliness_items(f, t, as_of, ver) AS TABLE
WITH ti_p AS (
    SELECT CAST(f AS DATE) AS ti_f, CAST(t AS DATE) AS ti_t, CAST(as_of AS DATE) AS ti_cd, ver AS ti_v
),
lim AS (
    SELECT CAST(v.num AS INTEGER) AS limit_days
    FROM rule_values v JOIN ti_p ON v.version = ti_p.ti_v WHERE v.key = 'timeliness.working_days'
),
i AS (
    SELECT i.*, CAST(cp.workday_no - cf.workday_no AS INTEGER) AS working_days
    FROM gk.published((SELECT ti_f FROM ti_p), (SELECT ti_t FROM ti_p), (SELECT ti_cd FROM ti_p)) i
    LEFT JOIN calendar cf ON cf.day = i.formed_date
    LEFT JOIN calendar cp ON cp.day = i.publish_date
    -- A span is counted only over years whose holidays are known.
    WHERE i.formed_date IS NULL OR (gk.wd_year_ok(i.formed_date) AND gk.wd_year_ok(i.publish_date))
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, i.column_id, i.category, i.url, i.title,
       i.formed_date, i.publish_date, i.working_days,
       CASE WHEN i.formed_date IS NOT NULL THEN i.working_days <= lim.limit_days END AS on_time,
       i.detail_sha256, lim.limit_days
FROM gk.units((SELECT ti_v FROM ti_p)) u JOIN i ON i.unit_id = u.unit_id CROSS JOIN lim;

CREATE OR REPLACE MACRO timeliness_items(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * EXCLUDE (limit_days)
FROM gk.timeliness_items(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
ORDER BY kind_group, unit_id, publish_date, url;

CREATE OR REPLACE MACRO gk.timeliness(f, t, as_of, ver) AS TABLE
WITH tl_p AS (
    SELECT CAST(f AS DATE) AS tl_f, CAST(t AS DATE) AS tl_t, CAST(as_of AS DATE) AS tl_cd, ver AS tl_v
),
lim AS (
    SELECT CAST(v.num AS INTEGER) AS limit_days
    FROM rule_values v JOIN tl_p ON v.version = tl_p.tl_v WHERE v.key = 'timeliness.working_days'
),
n AS (
    SELECT unit_id, count(*) AS published,
           count(*) FILTER (WHERE formed_date IS NOT NULL) AS with_formed,
           count(*) FILTER (WHERE on_time) AS on_time,
           count(*) FILTER (WHERE NOT on_time) AS late
    FROM gk.timeliness_items((SELECT tl_f FROM tl_p), (SELECT tl_t FROM tl_p), (SELECT tl_cd FROM tl_p), (SELECT tl_v FROM tl_p))
    GROUP BY unit_id
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       coalesce(n.published, 0) AS published, coalesce(n.with_formed, 0) AS with_formed,
       coalesce(n.on_time, 0) AS on_time, coalesce(n.late, 0) AS late,
       coalesce(n.published, 0) - coalesce(n.with_formed, 0) AS without_formed,
       lim.limit_days,
       CASE WHEN n.with_formed > 0 THEN n.on_time / n.with_formed END AS rate
FROM gk.units((SELECT tl_v FROM tl_p)) u CROSS JOIN lim
LEFT JOIN n ON n.unit_id = u.unit_id;

CREATE OR REPLACE MACRO timeliness(period_from, period_to, cutoff := NULL) AS TABLE
SELECT s.* REPLACE (round(s.rate, 4) AS rate), c.items_complete AS coverage_complete
FROM gk.timeliness(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) s
JOIN gk.coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = s.unit_id
ORDER BY s.kind_group, s.unit_id;

-- 已删除: items removed from the site by the cutoff (a complete read of
-- their column no longer listed them and their page answered not found),
-- with 发布日期 in the period. They are not counted from their removal on,
-- and still are at cutoffs before it.
CREATE OR REPLACE MACRO removed_items(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, r.column_id, r.category, r.url, r.title, r.publish_date,
       r.last_seen_run, r.last_seen_date, r.removed_run, r.removed_date, r.removed_url, r.removed_status, r.detail_sha256
FROM gk.units(gk.rule_version(period_from)) u
JOIN gk.removed(gk.cutoff(period_to, cutoff)) r ON r.unit_id = u.unit_id
WHERE r.publish_date BETWEEN CAST(period_from AS DATE) AND CAST(period_to AS DATE)
ORDER BY u.kind_group, u.unit_id, r.removed_date, r.url;

-- Items listed in the period whose detail page could not be read: shown
-- with their own count, not counted in 发布数量 or 发布及时率.
CREATE OR REPLACE MACRO listed_unverified(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, i.column_id, i.category, i.url, i.title, i.publish_date,
       i.detail_failed_run, e.detail_error
FROM gk.units(gk.rule_version(period_from)) u
JOIN gk.listed_unverified(period_from, period_to, gk.cutoff(period_to, cutoff)) i ON i.unit_id = u.unit_id
LEFT JOIN (
    SELECT unit_id, canonical_url, arg_max(detail_error, run_id) AS detail_error
    FROM item_observations WHERE detail_error IS NOT NULL GROUP BY ALL
) e ON e.unit_id = i.unit_id AND e.canonical_url = i.canonical_url
ORDER BY u.kind_group, u.unit_id, i.publish_date, i.url;
