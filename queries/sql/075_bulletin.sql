-- 通报: the figures a bulletin prints beyond the metric rows: the one-page
-- 概览 of the period, the deadline a 问题清单 sets for 整改, and how a crawl
-- run is named to a reader.

-- bulletin_overview: per ranking group and overall (is_total), the units
-- assessed, how many got each 等次, how many were vetoed or warned, and how
-- much of the crawl could be read.
CREATE OR REPLACE MACRO bulletin_overview(period_from, period_to, cutoff := NULL) AS TABLE
WITH s AS MATERIALIZED (SELECT * FROM scorecard(period_from, period_to, cutoff := cutoff)),
w AS (SELECT unit_id, count(*) AS warnings FROM early_warnings(period_from, period_to, cutoff := cutoff) GROUP BY unit_id),
c AS (SELECT unit_id, pages, fetched, failed, blocked, complete FROM coverage(period_from, period_to, cutoff := cutoff)),
v AS (
    SELECT unit_id, count(*) AS sources_unverified
    FROM source_verdicts(period_from, period_to, cutoff := cutoff) WHERE NOT verified GROUP BY unit_id
)
SELECT coalesce(s.kind_group, '合计') AS kind_group,
       CAST(grouping(s.kind_group) AS BOOLEAN) AS is_total,
       count(*) AS units,
       count(*) FILTER (WHERE s.grade = '优秀') AS excellent,
       count(*) FILTER (WHERE s.grade = '良好') AS good,
       count(*) FILTER (WHERE s.grade = '合格') AS passed,
       count(*) FILTER (WHERE s.grade = '不合格') AS failed,
       count(*) FILTER (WHERE s.grade = '待核实' OR s.grade IS NULL) AS pending,
       count(*) FILTER (WHERE s.veto_count > 0) AS vetoed,
       count(w.unit_id) AS units_warned,
       coalesce(sum(w.warnings), 0) AS warnings,
       coalesce(sum(c.pages), 0) AS pages,
       coalesce(sum(c.fetched), 0) AS fetched,
       coalesce(sum(c.failed), 0) + coalesce(sum(c.blocked), 0) AS not_fetched,
       round(sum(c.fetched) / nullif(sum(c.pages), 0), 4) AS fetch_rate,
       count(*) FILTER (WHERE c.complete) AS units_complete,
       coalesce(sum(v.sources_unverified), 0) AS sources_unverified
FROM s
LEFT JOIN w ON w.unit_id = s.unit_id
LEFT JOIN c ON c.unit_id = s.unit_id
LEFT JOIN v ON v.unit_id = s.unit_id
GROUP BY GROUPING SETS ((s.kind_group), ())
HAVING count(*) > 0
ORDER BY is_total, (kind_group = '部门') DESC, kind_group;
COMMENT ON MACRO TABLE bulletin_overview IS '通报概览 per ranking group and overall (is_total): units, how many got each 等次 (优秀, 良好, 合格, 不合格, 待核实), vetoed, warned and warnings, pages attempted, fetched and not, fetch rate, units crawled completely, sources not verified.';

-- rectification_deadline: the 整改时限 of a finding reported on issued,
-- working_days working days later on the official calendar. NULL when
-- either day falls in a year without an official holiday schedule: a
-- bulletin then leaves the deadline to be set by hand rather than guess
-- from weekends alone (gk_wd_add would stop the whole workbook).
CREATE OR REPLACE MACRO rectification_deadline(issued, working_days := 15) AS (
    SELECT min(cd.day)
    FROM calendar cd JOIN calendar_years cy ON cy.year = year(cd.day) AND cy.official
    WHERE cd.is_workday
      AND cd.workday_no = (SELECT ca.workday_no FROM calendar ca JOIN calendar_years ya ON ya.year = year(ca.day) AND ya.official
                           WHERE ca.day = CAST(issued AS DATE)) + working_days
);
COMMENT ON MACRO rectification_deadline IS '整改时限: the date working_days (default 15) working days after issued on the official calendar with its 调休 days; NULL when a year on the way has no official schedule.';

-- crawl_batches: each crawl run as a reader knows it, 采集批次 by its date
-- (a second run on one date is numbered).
CREATE OR REPLACE MACRO crawl_batches() AS TABLE
SELECT run_id, cutoff,
       strftime(cutoff, '%Y-%m-%d') || ' 采集' ||
       CASE WHEN count(*) OVER (PARTITION BY cutoff) > 1
            THEN '（第 ' || row_number() OVER (PARTITION BY cutoff ORDER BY started_at, run_id) || ' 次）' ELSE '' END AS batch
FROM runs
ORDER BY cutoff, started_at, run_id;
COMMENT ON MACRO TABLE crawl_batches IS '采集批次: every crawl run with its cutoff and the name a reader sees (the date, numbered when one date has several runs).';

-- An early warning's figure is set only against a line in its own unit:
-- days, columns, letters or a share. The letter rule's threshold is an age
-- in months while its figure counts letters older than that: its line is
-- one letter, and the months go into the condition.
CREATE OR REPLACE MACRO warning_unit(rule) AS
CASE rule WHEN 'home_stale' THEN '天' WHEN 'blank_columns' THEN '个' WHEN 'stale_columns' THEN '个'
          WHEN 'letter_unanswered' THEN '条' WHEN 'fail_rate' THEN '%' END;
COMMENT ON MACRO warning_unit IS 'The unit of an early warning''s figure and line (early_warnings.rule): 天, 个, 条 or % (a share).';

CREATE OR REPLACE MACRO warning_line(rule, threshold) AS
CASE rule WHEN 'letter_unanswered' THEN 1.0 ELSE CAST(threshold AS DOUBLE) END;
COMMENT ON MACRO warning_line IS 'An early warning''s line in the unit of its figure: the threshold, but 1 letter for letter_unanswered (whose threshold is an age in months).';

CREATE OR REPLACE MACRO warning_condition(rule, threshold) AS
CASE rule WHEN 'home_stale' THEN printf('首页连续 %d 天及以上未更新', CAST(threshold AS BIGINT))
          WHEN 'blank_columns' THEN printf('空白栏目超过 %d 个', CAST(threshold AS BIGINT))
          WHEN 'stale_columns' THEN printf('不更新栏目超过 %d 个', CAST(threshold AS BIGINT))
          WHEN 'letter_unanswered' THEN printf('有超过 %d 个月未答复的信件', CAST(threshold AS BIGINT))
          WHEN 'fail_rate' THEN printf('页面采集失败率达到 %.1f%%', threshold * 100) END;
COMMENT ON MACRO warning_condition IS 'An early warning''s condition in words, its threshold with its unit.';

CREATE OR REPLACE MACRO warning_text(rule, figure, threshold) AS
CASE WHEN warning_unit(rule) = '%'
     THEN printf('实测 %.1f%%，预警线 %.1f%%（%s）', figure * 100, warning_line(rule, threshold) * 100, warning_condition(rule, threshold))
     ELSE printf('实测 %d %s，预警线 %d %s（%s）', CAST(round(figure) AS BIGINT), warning_unit(rule),
                 CAST(round(warning_line(rule, threshold)) AS BIGINT), warning_unit(rule), warning_condition(rule, threshold)) END;
COMMENT ON MACRO warning_text IS 'An early warning as a 问题清单 states it: figure and line in one unit, then the condition.';
