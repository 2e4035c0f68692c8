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
-- from weekends alone (gk.wd_add would stop the whole workbook).
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

-- 整改要求 of a finding of unit_problems, by the start of its 问题 text
-- (the first that matches); NULL for a kind no rule names.
CREATE OR REPLACE MACRO rectification_requirement(problem) AS CASE
    WHEN starts_with(problem, '单项否决：') THEN '立即整改否决事项，逐项消除否决情形，整改完成后书面报告整改情况'
    WHEN starts_with(problem, '否决待核实：') THEN '核实相关栏目、信箱或首页能否正常访问，确保可完整浏览后配合重新采集'
    WHEN starts_with(problem, '需重新采集：') THEN '检查该栏目、信箱或首页能否正常访问、完整翻页，确保可完整浏览后配合重新采集'
    WHEN starts_with(problem, '预警：') THEN '及时处理预警事项，防止达到否决线'
    WHEN starts_with(problem, '逾期发布') THEN '规范发布流程，确保信息成文后 20 个工作日内公开'
    WHEN starts_with(problem, '栏目不更新') THEN '及时更新栏目内容，确保在更新期限内有新发布的信息'
    WHEN starts_with(problem, '空白栏目') THEN '补充栏目内容；确无内容的栏目予以整合或注明原因'
    WHEN starts_with(problem, '栏目待核实') THEN '检查栏目能否正常访问，确保可完整浏览'
    WHEN starts_with(problem, '政策未关联解读') THEN '补充发布政策解读，并在政策文件与解读页面相互添加链接'
    WHEN starts_with(problem, '信件超时未办') THEN '尽快办理并答复，严格落实答复时限'
    WHEN starts_with(problem, '信件逾期答复') THEN '严格落实答复时限，按期答复来信'
    WHEN starts_with(problem, '信件超期未答复') THEN '立即办理答复并公开答复内容'
    WHEN starts_with(problem, '留言公开缺项') THEN '补全公开页面的回复时间、答复单位和答复内容'
    WHEN starts_with(problem, '疑似倒签补录') THEN '说明标称发布日期与实际发布时间不一致的原因，规范发布日期'
    WHEN starts_with(problem, '已删除') THEN '说明删除原因；确需撤回的信息按规定留存撤回说明'
    WHEN starts_with(problem, '列出未核验') THEN '检查信息详情页能否正常打开'
    WHEN starts_with(problem, '年报') THEN '按国家规定格式更正政府信息公开工作年度报告并重新发布'
    WHEN starts_with(problem, '舆情突增未回应') THEN '针对来信集中反映的问题及时发布政策解读或通知公告予以回应'
    WHEN starts_with(problem, '舆情突增') THEN '持续关注来信集中反映的问题'
    WHEN starts_with(problem, '重复来信未解决') THEN '对反复来信反映的事项作出实质性答复，推动问题解决'
    WHEN starts_with(problem, '重复来信') THEN '跟踪反复来信反映事项的办理情况'
    WHEN starts_with(problem, '答复敷衍') THEN '提高答复质量，针对来信内容作出具体答复'
END;
COMMENT ON MACRO rectification_requirement IS '整改要求 of a 问题清单 finding, by the start of its 问题 text (unit_problems.problem).';
