-- The scorecard workbook's sheets, row for row: each sheet_* macro returns
-- exactly the rows its sheet prints, in the order it prints them, so an
-- analyst gets the workbook's numbers without the workbook. A summary
-- sheet ends with its 合计 rows (is_total true): aggregates over the unit
-- rows of the same call. Units are ordered 部门 first, then by kind group
-- and name. Every figure comes from the metric macros; nothing here
-- computes a metric anew.

-- 考核排名: the scorecard with the reasons of the fired vetoes, then per
-- kind group and overall the unit count, average points and how many
-- units got each grade or a veto. As a 通报 ranks (vetoed_last, the
-- default): graded units by total (ties share a rank), then the units
-- graded 待核实 with no rank (their grade may still change), then the
-- vetoed units by total, their ranks following the graded units' — in the
-- ranking overall and in each kind group. vetoed_last := false keeps the
-- scorecard's own ranks and order.
CREATE OR REPLACE MACRO sheet_ranking(period_from, period_to, cutoff := NULL, vetoed_last := true) AS TABLE
WITH sc AS MATERIALIZED (
    SELECT *, CASE WHEN veto_count > 0 THEN 2 WHEN grade = '待核实' OR total IS NULL THEN 1 ELSE 0 END AS place
    FROM scorecard(period_from, period_to, cutoff := cutoff)
),
s AS (
    SELECT * EXCLUDE (place) REPLACE (
        CASE WHEN NOT vetoed_last THEN rank_overall
             WHEN place = 1 OR total IS NULL THEN NULL
             ELSE rank() OVER (PARTITION BY place ORDER BY total DESC)
                  + CASE WHEN place = 2 THEN count(*) FILTER (WHERE place = 0) OVER () ELSE 0 END
        END AS rank_overall,
        CASE WHEN NOT vetoed_last THEN rank_in_group
             WHEN place = 1 OR total IS NULL THEN NULL
             ELSE rank() OVER (PARTITION BY kind_group, place ORDER BY total DESC)
                  + CASE WHEN place = 2 THEN count(*) FILTER (WHERE place = 0) OVER (PARTITION BY kind_group) ELSE 0 END
        END AS rank_in_group),
        CASE WHEN vetoed_last THEN place ELSE 0 END AS bulletin_place
    FROM sc
),
v AS (
    SELECT unit_id, string_agg(reason, '；' ORDER BY veto_no) AS veto_reasons
    FROM vetoes(period_from, period_to, cutoff := cutoff) WHERE fired GROUP BY unit_id
)
SELECT * EXCLUDE (bulletin_place) FROM (
SELECT s.*, coalesce(v.veto_reasons, '') AS veto_reasons, false AS is_total
FROM s LEFT JOIN v USING (unit_id)
UNION ALL BY NAME
SELECT coalesce(kind_group, '') AS kind_group,
       count(*) || ' 个单位' AS unit_name,
       '平均' AS kind,
       round(avg(publish_points), 2) AS publish_points,
       round(avg(timeliness_points), 2) AS timeliness_points,
       round(avg(maintenance_points), 2) AS maintenance_points,
       round(avg(interpretation_points), 2) AS interpretation_points,
       round(avg(interaction_points), 2) AS interaction_points,
       round(avg(total), 2) AS total,
       printf('优%d 良%d 合%d 不%d',
              count(*) FILTER (WHERE grade = '优秀'), count(*) FILTER (WHERE grade = '良好'),
              count(*) FILTER (WHERE grade = '合格'), count(*) FILTER (WHERE grade = '不合格')) AS grade,
       printf('%d 个单位被否决', count(*) FILTER (WHERE veto_count > 0)) AS vetoes,
       round(avg(change), 2) AS change,
       round(avg(yoy_change), 2) AS yoy_change,
       true AS is_total
FROM s
GROUP BY GROUPING SETS ((kind_group), ())
)
ORDER BY is_total, bulletin_place, CASE WHEN vetoed_last THEN total END DESC NULLS LAST,
         rank_overall, (kind_group = '部门') DESC, unit_name, unit_id;

-- 信息发布: publish_summary per unit and its 合计.
CREATE OR REPLACE MACRO sheet_publish(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (SELECT * FROM publish_summary(period_from, period_to, cutoff := cutoff))
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(published) AS published, sum(yearly_target) AS yearly_target, sum(target) AS target,
           sum(listed_unverified) AS listed_unverified,
           round(sum(published) FILTER (WHERE target IS NOT NULL) / nullif(sum(target), 0), 4) AS completion,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 信息发布's category columns: items per unit and category, then per
-- category over all units (unit_id NULL).
CREATE OR REPLACE MACRO sheet_publish_categories(period_from, period_to, cutoff := NULL) AS TABLE
SELECT unit_id, category, sum(items) AS items
FROM publish_counts(period_from, period_to, cutoff := cutoff)
GROUP BY GROUPING SETS ((unit_id, category), (category))
ORDER BY unit_id NULLS LAST, category;

-- 发布及时性: timeliness per unit and its 合计.
CREATE OR REPLACE MACRO sheet_timeliness(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (SELECT * FROM timeliness(period_from, period_to, cutoff := cutoff))
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(published) AS published, sum(with_formed) AS with_formed, sum(on_time) AS on_time,
           sum(late) AS late, sum(without_formed) AS without_formed,
           round(sum(on_time) / nullif(sum(with_formed), 0), 4) AS rate,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 逾期发布明细: the items of timeliness_items published late.
CREATE OR REPLACE MACRO sheet_late_items(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM timeliness_items(period_from, period_to, cutoff := cutoff) WHERE NOT on_time
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, publish_date, url;

-- 栏目更新: freshness_summary per unit and its 合计.
CREATE OR REPLACE MACRO sheet_freshness(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (SELECT * FROM freshness_summary(period_from, period_to, cutoff := cutoff))
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(columns) AS columns, sum(fresh) AS fresh, sum(stale) AS stale, sum(blank) AS blank,
           sum(static) AS static, sum(unverified) AS unverified, sum(stale_key) AS stale_key,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 栏目问题明细: the stale, blank and unverified columns of
-- column_freshness, with the status in Chinese (status_label).
CREATE OR REPLACE MACRO sheet_column_problems(period_from, period_to, cutoff := NULL) AS TABLE
SELECT *, CASE status WHEN 'stale' THEN '不更新' WHEN 'blank' THEN '空白'
                      WHEN 'unverified' THEN '待核实' ELSE status END AS status_label
FROM column_freshness(period_from, period_to, cutoff := cutoff)
WHERE status IN ('stale', 'blank', 'unverified')
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, column_id;

-- 政策解读: interpretation_links per unit and its 合计.
CREATE OR REPLACE MACRO sheet_interpretation(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (SELECT * FROM interpretation_links(period_from, period_to, cutoff := cutoff))
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(policies) AS policies, sum(linked) AS linked, sum(both_ways) AS both_ways,
           sum(unlinked) AS unlinked, round(sum(linked) / nullif(sum(policies), 0), 4) AS rate,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 未关联解读明细: unlinked_policies in sheet order.
CREATE OR REPLACE MACRO sheet_unlinked_policies(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM unlinked_policies(period_from, period_to, cutoff := cutoff)
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, publish_date, url;

-- 互动回应: letters_summary with letter_disclosure's missing_fields per
-- unit, and its 合计.
CREATE OR REPLACE MACRO sheet_letters(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (
    SELECT l.*, d.missing_fields
    FROM letters_summary(period_from, period_to, cutoff := cutoff) l
    LEFT JOIN letter_disclosure(period_from, period_to, cutoff := cutoff) d USING (unit_id)
)
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(received) AS received, sum(replied) AS replied, sum(open) AS open,
           sum(overdue) AS overdue, sum(due) AS due, sum(on_time) AS on_time,
           round(sum(replied) / nullif(sum(received), 0), 4) AS reply_rate,
           round(sum(on_time) / nullif(sum(due), 0), 4) AS on_time_rate,
           sum(missing_fields) AS missing_fields,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 信件问题明细: letters of letters_detail overdue (超时未办) or replied
-- late (逾期答复), with the status and the problem in Chinese.
CREATE OR REPLACE MACRO sheet_letter_problems(period_from, period_to, cutoff := NULL) AS TABLE
SELECT *, CASE status WHEN 'replied' THEN '已答复' WHEN 'in_progress' THEN '办理中'
                      WHEN 'unreplied' THEN '未答复' ELSE '未知' END AS status_label,
       CASE WHEN overdue THEN '超时未办' ELSE '逾期答复' END AS problem
FROM letters_detail(period_from, period_to, cutoff := cutoff) WHERE overdue OR on_time = false
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, received_date, letter_key;

-- 超期未答复: long_unanswered in sheet order.
CREATE OR REPLACE MACRO sheet_long_unanswered(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM long_unanswered(period_from, period_to, cutoff := cutoff)
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, received_date, letter_key;

-- 公开缺项明细: letter_disclosure_items in sheet order.
CREATE OR REPLACE MACRO sheet_disclosure_items(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM letter_disclosure_items(period_from, period_to, cutoff := cutoff)
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, received_date, letter_key;

-- 倒签补录: back_dated in sheet order.
CREATE OR REPLACE MACRO sheet_back_dated(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * FROM back_dated(period_from, period_to, cutoff := cutoff)
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, publish_date, url;

-- 预警: early_warnings in sheet order (no 合计).
CREATE OR REPLACE MACRO sheet_warnings(period_from, period_to, cutoff := NULL) AS TABLE
SELECT *, warning_condition(rule, threshold) AS condition, warning_line(rule, threshold) AS line,
       warning_unit(rule) AS unit, false AS is_total
FROM early_warnings(period_from, period_to, cutoff := cutoff)
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, rule;

-- 采集完整性: coverage per unit and its 合计.
CREATE OR REPLACE MACRO sheet_coverage(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (SELECT * FROM coverage(period_from, period_to, cutoff := cutoff))
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(pages) AS pages, sum(fetched) AS fetched, sum(failed) AS failed, sum(blocked) AS blocked,
           sum(robots) AS robots, round((sum(failed) + sum(blocked)) / nullif(sum(pages), 0), 4) AS fail_rate,
           sum(columns_failed) AS columns_failed, sum(drift_columns) AS drift_columns,
           sum(mailboxes_failed) AS mailboxes_failed,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 采集核验: the sources of source_verdicts not verified, home pages and
-- mailboxes before columns, with the kind in Chinese (source_label).
CREATE OR REPLACE MACRO sheet_sources(period_from, period_to, cutoff := NULL) AS TABLE
SELECT *, CASE source_kind WHEN 'column' THEN '栏目' WHEN 'mailbox' THEN '信箱' ELSE '首页' END AS source_label,
       false AS is_total
FROM source_verdicts(period_from, period_to, cutoff := cutoff) WHERE NOT verified
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, source_kind DESC, source_id;

-- 月度趋势: items per unit and month (series NULL), then the monthly
-- totals per kind group and overall (series: the kind group or 合计), the
-- chart's series.
CREATE OR REPLACE MACRO sheet_trend(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (SELECT * FROM blank_months(period_from, period_to, cutoff := cutoff))
SELECT * FROM (
    SELECT unit_id, unit_name, kind, kind_group, month, published, blank, NULL AS series FROM m
    UNION ALL
    SELECT NULL, NULL, NULL, kind_group, month, sum(published), NULL, coalesce(kind_group, '合计') FROM m
    GROUP BY GROUPING SETS ((kind_group, month), (month))
)
ORDER BY series NULLS FIRST, (series = '合计'), (series = '部门') DESC, series, month, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;
