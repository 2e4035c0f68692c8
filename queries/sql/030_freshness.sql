-- 栏目更新 and 首页更新 at the cutoff. The period only chooses the cutoff and
-- the rule set.

CREATE OR REPLACE MACRO gk.columns(as_of, ver) AS TABLE
WITH gc_p AS (SELECT CAST(as_of AS DATE) AS gc_cd, ver AS gc_v),
s AS (
    SELECT cs.*,
           coalesce(rc.class, 'static') AS update_class, rc.limit_days, rc.limit_months,
           coalesce(rc.veto_key, false) AS veto_key, coalesce(rc.deduct_group, 'other') AS deduct_group,
           CASE
               WHEN cs.items = 0 THEN 'blank'
               WHEN rc.limit_days IS NULL AND rc.limit_months IS NULL THEN 'static'
               WHEN cs.newest_date IS NULL THEN 'stale'
               WHEN rc.limit_days IS NOT NULL AND cs.newest_date + rc.limit_days < cs.cutoff THEN 'stale'
               WHEN rc.limit_months IS NOT NULL AND gk.add_months(cs.newest_date, rc.limit_months) < cs.cutoff THEN 'stale'
               ELSE 'fresh'
           END AS seen_status
    FROM gk.column_state((SELECT gc_cd FROM gc_p)) cs CROSS JOIN gc_p
    LEFT JOIN rule_classes rc ON rc.version = gc_p.gc_v AND rc.category = cs.category
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       s.column_id, s.column_name, s.url, s.category, s.update_class, s.limit_days, s.limit_months,
       s.items, s.undated_items, s.newest_date, s.newest_url, s.days_since,
       CASE WHEN NOT s.coverage_ok AND s.seen_status IN ('stale', 'blank') THEN 'unverified' ELSE s.seen_status END AS status,
       s.veto_key, s.deduct_group, s.run_id, s.outcome, s.drift, s.coverage_ok, s.cutoff,
       s.verdict, s.verdict_reason
FROM s JOIN gk.units((SELECT gc_v FROM gc_p)) u ON u.unit_id = s.unit_id;

CREATE OR REPLACE MACRO column_freshness(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM gk.columns(gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
ORDER BY kind_group, unit_id, column_id;

CREATE OR REPLACE MACRO gk.freshness_summary(as_of, ver) AS TABLE
WITH fs_p AS (SELECT CAST(as_of AS DATE) AS fs_cd, ver AS fs_v),
n AS (
    SELECT unit_id, count(*) AS columns,
           count(*) FILTER (WHERE status = 'fresh') AS fresh,
           count(*) FILTER (WHERE status = 'stale') AS stale,
           count(*) FILTER (WHERE status = 'blank') AS blank,
           count(*) FILTER (WHERE status = 'static') AS static,
           count(*) FILTER (WHERE status = 'unverified') AS unverified,
           count(*) FILTER (WHERE status = 'unverified' AND veto_key) AS unverified_key,
           count(*) FILTER (WHERE status = 'stale' AND update_class = 'dynamic') AS stale_dynamic,
           count(*) FILTER (WHERE status = 'stale' AND update_class = 'periodic') AS stale_periodic,
           count(*) FILTER (WHERE status = 'stale' AND update_class = 'annual') AS stale_annual,
           count(*) FILTER (WHERE status = 'stale' AND veto_key) AS stale_key,
           count(*) FILTER (WHERE status = 'stale' AND deduct_group = 'dynamic') AS stale_dynamic_group,
           count(*) FILTER (WHERE status = 'stale' AND deduct_group = 'key') AS stale_key_group,
           count(*) FILTER (WHERE status = 'stale' AND deduct_group = 'other') AS stale_other,
           min(url) FILTER (WHERE status = 'stale') AS first_stale_url,
           min(url) FILTER (WHERE status = 'blank') AS first_blank_url,
           bool_and(coverage_ok) AS coverage_complete
    FROM gk.columns((SELECT fs_cd FROM fs_p), (SELECT fs_v FROM fs_p)) GROUP BY unit_id
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       coalesce(n.columns, 0) AS columns, coalesce(n.fresh, 0) AS fresh, coalesce(n.stale, 0) AS stale,
       coalesce(n.blank, 0) AS blank, coalesce(n.static, 0) AS static, coalesce(n.unverified, 0) AS unverified,
       coalesce(n.unverified_key, 0) AS unverified_key,
       coalesce(n.stale_dynamic, 0) AS stale_dynamic, coalesce(n.stale_periodic, 0) AS stale_periodic,
       coalesce(n.stale_annual, 0) AS stale_annual, coalesce(n.stale_key, 0) AS stale_key,
       coalesce(n.stale_key_group, 0) AS stale_key_group, coalesce(n.stale_other, 0) AS stale_other,
       coalesce(n.stale_dynamic_group, 0) AS stale_dynamic_group,
       coalesce(n.coverage_complete, true) AS coverage_complete,
       n.first_stale_url, n.first_blank_url
FROM gk.units((SELECT fs_v FROM fs_p)) u LEFT JOIN n ON n.unit_id = u.unit_id;

CREATE OR REPLACE MACRO freshness_summary(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * EXCLUDE (first_stale_url, first_blank_url)
FROM gk.freshness_summary(gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
ORDER BY kind_group, unit_id;

CREATE OR REPLACE MACRO gk.home_freshness(as_of, ver) AS TABLE
WITH hf_p AS (SELECT CAST(as_of AS DATE) AS hf_cd, ver AS hf_v),
lim AS (
    SELECT max(v.num) FILTER (WHERE v.key = 'home.veto_days') AS veto_days,
           max(v.num) FILTER (WHERE v.key = 'home.warning_days') AS warning_days
    FROM rule_values v JOIN hf_p ON v.version = hf_p.hf_v
),
h AS (
    SELECT h.*, lim.*,
           CASE
               WHEN h.run_id IS NULL THEN 'not_crawled'
               WHEN h.verdict = 'blocked' THEN 'blocked'
               WHEN h.verdict <> 'complete' OR NOT h.ok THEN 'failed'
               WHEN h.newest_date IS NULL THEN 'undated'
               WHEN h.days_stale > lim.veto_days THEN 'stale'
               WHEN h.days_stale >= lim.warning_days THEN 'warning'
               ELSE 'fresh'
           END AS status
    FROM gk.home((SELECT hf_cd FROM hf_p)) h CROSS JOIN lim
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, h.home_url, h.run_id, h.ok,
       h.newest_date, h.newest_url, h.newest_title, h.days_stale, h.status,
       h.status = 'stale' AS veto,
       h.status IN ('warning', 'stale') AS warning,
       h.status IN ('fresh', 'warning', 'stale') AS coverage_ok,
       h.verdict
FROM h JOIN gk.units((SELECT hf_v FROM hf_p)) u ON u.unit_id = h.unit_id;

CREATE OR REPLACE MACRO home_freshness(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM gk.home_freshness(gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
ORDER BY kind_group, unit_id;

-- 倒签/补录: items dated in the period, first seen by run R, although an
-- earlier complete and successful crawl R0 of a column listing the item had
-- a cutoff after the item's 发布日期.
CREATE OR REPLACE MACRO gk.back_dated(f, t, as_of) AS TABLE
WITH it AS (SELECT * FROM gk.published(f, t, as_of)),
cols AS (
    SELECT o.unit_id, o.canonical_url, o.column_id
    FROM item_observations o JOIN it ON it.unit_id = o.unit_id AND it.canonical_url = o.canonical_url AND o.run_id = it.first_seen_run
    UNION
    SELECT unit_id, canonical_url, column_id FROM it
),
ev AS (
    SELECT it.unit_id, it.canonical_url, cols.column_id, cr.run_id AS earlier_run, r0.cutoff AS earlier_cutoff,
           row_number() OVER (PARTITION BY it.unit_id, it.canonical_url ORDER BY r0.cutoff DESC, cr.run_id DESC, cols.column_id) AS n
    FROM it
    JOIN cols ON cols.unit_id = it.unit_id AND cols.canonical_url = it.canonical_url
    JOIN column_runs cr ON cr.unit_id = it.unit_id AND cr.column_id = cols.column_id AND cr.kind = 'column'
         AND cr.outcome IN ('ok', 'empty') AND coalesce(cr.complete, true) AND cr.run_id < it.first_seen_run
    JOIN runs r0 ON r0.run_id = cr.run_id AND r0.cutoff > it.publish_date
)
SELECT it.unit_id, ev.column_id, it.url, it.title, it.publish_date, it.first_seen_run,
       it.first_seen_cutoff, ev.earlier_run, ev.earlier_cutoff,
       CAST(it.first_seen_cutoff - it.publish_date AS INTEGER) AS days_late, it.detail_sha256
FROM it JOIN ev ON ev.unit_id = it.unit_id AND ev.canonical_url = it.canonical_url AND ev.n = 1;

CREATE OR REPLACE MACRO back_dated(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, b.* EXCLUDE (unit_id)
FROM gk.back_dated(period_from, period_to, gk.cutoff(period_to, cutoff)) b
JOIN gk.units(gk.rule_version(period_from)) u ON u.unit_id = b.unit_id
ORDER BY u.kind_group, u.unit_id, b.publish_date, b.url;
