-- The 年报审核 sheets of the scorecard, row for row (see 071_sheets.sql; this file follows the macros it reads, which must exist when it is installed).
-- The report assessed in a period is the one for the year before the
-- period's first day; the cutoff does not change it (the report's own
-- deadline does, in 080_annual.sql).

-- 年报审核: annual_report_summary per unit with its kind group, and its 合计.
CREATE OR REPLACE MACRO sheet_annual(period_from, period_to, cutoff := NULL) AS TABLE
WITH m AS MATERIALIZED (
    SELECT s.*, u.kind_group
    FROM annual_report_summary(year(CAST(period_from AS DATE)) - 1) s JOIN units u USING (unit_id)
)
SELECT * FROM (
    SELECT *, false AS is_total FROM m
    UNION ALL BY NAME
    SELECT sum(cells) AS cells, sum(blank_cells) AS blank_cells, sum(consistency_errors) AS consistency_errors,
           sum(findings) AS findings, sum(prompts) AS prompts, sum(unverified) AS unverified,
           sum(deduction) AS deduction,
           true AS is_total
    FROM m
) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id;

-- 年报问题明细: every finding, then every prompt, of each unit's report.
CREATE OR REPLACE MACRO sheet_annual_checks(period_from, period_to, cutoff := NULL) AS TABLE
SELECT c.*, u.kind, u.kind_group
FROM annual_report_checks(year(CAST(period_from AS DATE)) - 1) c JOIN units u USING (unit_id)
ORDER BY (u.kind_group = '部门') DESC, u.kind_group, c.unit_name, c.unit_id, NOT c.is_finding, c.kind, c.rule, c.instance;

-- The pre-filled 年度报告 draft of one unit (gongkai annual-report): the
-- 规范性文件 it published in report_year, for the draft's second sheet.
CREATE OR REPLACE MACRO annual_draft_documents(unit, report_year) AS TABLE
SELECT title, doc_no, publish_date, url
FROM annual_normative_documents(report_year)
WHERE unit_id = unit
ORDER BY publish_date, title, url;
COMMENT ON MACRO TABLE annual_draft_documents IS 'For the 年度报告 draft of a unit: the 规范性文件 it published in a year (title, 文号, 发布日期, URL). Arguments: unit (unit_id), report_year INTEGER.';

-- …and the cells of section 二 of its report for report_year as read, set
-- beside the blank cells of the draft of the year after (k: row/column).
CREATE OR REPLACE MACRO annual_draft_last_year(unit, report_year) AS TABLE
SELECT c.row_name || '/' || c.column_name AS k, c.value, c.raw
FROM annual_report_cells c JOIN annual_report_list(report_year) l
  ON l.run_id = c.run_id AND l.unit_id = c.unit_id AND l.canonical_url = c.canonical_url
WHERE c.unit_id = unit AND c.section = '二'
ORDER BY k;
COMMENT ON MACRO TABLE annual_draft_last_year IS 'For the 年度报告 draft of a unit: the section 二 cells (k = row/column, value, raw text) of its report for a year as read. Arguments: unit (unit_id), report_year INTEGER.';
