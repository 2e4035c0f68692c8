-- 年度报告审核 (docs/annual-report.md): each unit's 政府信息公开工作年度报告
-- for a year, read by the crawl into annual_reports / annual_report_cells,
-- checked against its deadline and the 勾稽 rules of rule_annual_checks.
-- The check date is the newest run's cutoff.

-- The rule set for the reports of year y: the one of the year they are due
-- (y + 1), else the newest.
CREATE OR REPLACE MACRO gk.annual_version(y) AS gk.rule_version(make_date(CAST(y AS INTEGER) + 1, 1, 1));

-- A text rule (rule_values.text) of a rule set.
CREATE OR REPLACE MACRO gk.rule_text(ver, rule_key) AS
    (SELECT v.text FROM rule_values v WHERE v.version = ver AND v.key = rule_key);

-- A number as a report writes it: 12, not 12.0.
CREATE OR REPLACE MACRO gk.num(x) AS
    CASE WHEN x IS NULL THEN '?' WHEN x = floor(x) THEN CAST(CAST(x AS BIGINT) AS VARCHAR) ELSE CAST(x AS VARCHAR) END;

-- The deadline of the reports of year y under rule set ver (31 January of
-- y + 1 by default).
CREATE OR REPLACE MACRO gk.annual_deadline(y, ver) AS
    CAST(printf('%04d-%s', CAST(y AS INTEGER) + 1, coalesce(gk.rule_text(ver, 'annual.deadline'), '01-31')) AS DATE);

-- The 政策文件 items of each unit published in report_year that look like
-- 行政规范性文件: a 文号 or a title matching the rules' patterns
-- (annual.normative_doc_no with {year}, annual.normative_title).
CREATE OR REPLACE MACRO annual_normative_documents(report_year) AS TABLE
WITH nd_p AS MATERIALIZED (
    SELECT CAST(report_year AS INTEGER) AS nd_y,
           replace(gk.rule_text(gk.annual_version(report_year), 'annual.normative_doc_no'), '{year}', CAST(CAST(report_year AS INTEGER) AS VARCHAR)) AS nd_doc,
           gk.rule_text(gk.annual_version(report_year), 'annual.normative_title') AS nd_title
)
SELECT i.unit_id, i.title, i.doc_no, i.publish_date, i.url, i.canonical_url
FROM items i CROSS JOIN nd_p
WHERE i.category = '政策文件' AND year(i.publish_date) = nd_p.nd_y
  AND (regexp_matches(coalesce(i.doc_no, ''), nd_p.nd_doc) OR regexp_matches(coalesce(i.title, ''), nd_p.nd_title));
COMMENT ON MACRO TABLE annual_normative_documents IS '政策文件 items of a year that look like 行政规范性文件 (文号 with 规 and the year, or a title issuing 办法/规定/细则), per unit: the documents behind the 本年制发件数 prompt and the draft.';

-- Each unit's report for report_year as last read by the cutoff (the
-- newest run's when NULL): the newest reading of each page, and of a
-- unit's pages the one with tables, else the first published.
CREATE OR REPLACE MACRO annual_report_list(report_year, cutoff := NULL) AS TABLE
WITH al_p AS MATERIALIZED (
    SELECT CAST(report_year AS INTEGER) AS al_y, gk.annual_version(report_year) AS al_v,
           coalesce(CAST(cutoff AS DATE), (SELECT max(rn.cutoff) FROM runs rn)) AS al_cd
),
latest AS (
    SELECT a.*, row_number() OVER (PARTITION BY a.unit_id, a.canonical_url ORDER BY r.cutoff DESC, a.run_id DESC) AS n
    FROM annual_reports a JOIN runs r ON r.run_id = a.run_id CROSS JOIN al_p
    WHERE a.year = al_p.al_y AND r.cutoff <= al_p.al_cd
),
pick AS (
    SELECT *, row_number() OVER (PARTITION BY unit_id ORDER BY (status = 'read') DESC, published NULLS LAST, canonical_url) AS k
    FROM latest WHERE n = 1
)
SELECT p.unit_id, p.year, p.run_id, p.canonical_url, p.url, p.title, p.published, p.published_raw, p.status,
       p.cells, p.blank_cells, p.attachments, p.images, p.paragraphs, p.evidence,
       gk.annual_deadline(al_p.al_y, al_p.al_v) AS deadline,
       CASE WHEN p.published > gk.annual_deadline(al_p.al_y, al_p.al_v)
            THEN date_diff('day', gk.annual_deadline(al_p.al_y, al_p.al_v), p.published) ELSE 0 END AS days_late
FROM pick p CROSS JOIN al_p
WHERE p.k = 1;
COMMENT ON MACRO TABLE annual_report_list IS '年度报告 for a year: each unit''s report as last read, with its 发布日期, deadline, days late, status (read, image, attachment, no_table) and cell counts.';

-- Every check of the reports of report_year, one row per finding or
-- prompt: 未发布, 逾期发布, 无法核对, 空白, 缺项, 勾稽错误 (rule and
-- instance), 核对提示 (a person should look), 待核实 (no verified evidence).
-- The check date is the cutoff, the newest run's when NULL.
CREATE OR REPLACE MACRO annual_report_checks(report_year, cutoff := NULL) AS TABLE
WITH ac_p AS MATERIALIZED (
    SELECT CAST(report_year AS INTEGER) AS ac_y, gk.annual_version(report_year) AS ac_v,
           coalesce(CAST(cutoff AS DATE), (SELECT max(rn.cutoff) FROM runs rn)) AS ac_cd
),
rep AS MATERIALIZED (SELECT * FROM annual_report_list((SELECT ac_y FROM ac_p), cutoff := (SELECT ac_cd FROM ac_p))),
cells AS MATERIALIZED (
    SELECT c.unit_id, c.canonical_url, c.section || '/' || c.row_name || '/' || c.column_name AS ref,
           c.value, c.valid, c.blank, c.raw, c.evidence
    FROM annual_report_cells c JOIN rep ON rep.run_id = c.run_id AND rep.unit_id = c.unit_id AND rep.canonical_url = c.canonical_url
),
acol AS MATERIALIZED (
    SELECT c.unit_id, c.column_id, cr.outcome, cr.complete, cr.error
    FROM columns c
    LEFT JOIN gk.column_run((SELECT ac_cd FROM ac_p)) cr ON cr.kind = 'column' AND cr.unit_id = c.unit_id AND cr.column_id = c.column_id
    WHERE c.annual_report OR c.category = '政务公开工作专题'
),
ucol AS MATERIALIZED (
    SELECT unit_id, count(*) AS cols,
           bool_and(outcome IN ('ok', 'empty') AND coalesce(complete, false)) AS verified,
           string_agg(column_id || ': ' || coalesce(outcome, '未采集') || coalesce(' ' || error, ''), '; ' ORDER BY column_id) AS crawl
    FROM acol GROUP BY unit_id
),
rc AS MATERIALIZED (SELECT * FROM rule_annual_checks WHERE version = (SELECT ac_v FROM ac_p)),
refs AS (
    SELECT name, instance, optional, formula, 'L' AS side, unnest(lhs) AS ref, generate_subscripts(lhs, 1) AS pos FROM rc
    UNION ALL
    SELECT name, instance, optional, formula, 'R' AS side, unnest(rhs) AS ref, generate_subscripts(rhs, 1) AS pos FROM rc
),
ev AS (
    SELECT rep.unit_id, rep.canonical_url, f.*, c.value, c.ref IS NOT NULL AS present, c.evidence
    FROM rep JOIN refs f ON rep.status = 'read'
    LEFT JOIN cells c ON c.unit_id = rep.unit_id AND c.canonical_url = rep.canonical_url AND c.ref = f.ref
),
sums AS (
    SELECT unit_id, canonical_url, name, instance, any_value(optional) AS optional, any_value(formula) AS formula,
           bool_or(present) FILTER (WHERE side = 'L' AND pos = 1) AS first_present,
           count(*) FILTER (WHERE NOT present) AS missing,
           sum(coalesce(value, 0)) FILTER (WHERE side = 'L') AS found,
           sum(coalesce(value, 0)) FILTER (WHERE side = 'R') AS expected,
           string_agg(ref || '=' || gk.num(value), ' + ' ORDER BY pos) FILTER (WHERE side = 'L' AND present) AS lcells,
           string_agg(ref || '=' || gk.num(value), ' + ' ORDER BY pos) FILTER (WHERE side = 'R' AND present AND value <> 0) AS rcells,
           string_agg(evidence, ' ' ORDER BY pos) FILTER (WHERE side = 'L' AND present) AS where_left
    FROM ev GROUP BY unit_id, canonical_url, name, instance
),
amounts AS (SELECT unnest(string_split(coalesce(gk.rule_text((SELECT ac_v FROM ac_p), 'annual.amounts'), ''), ',')) AS ref),
norm AS MATERIALIZED (
    SELECT unit_id, count(*) AS n,
           string_agg(coalesce(doc_no || ' ', '') || title, '；' ORDER BY publish_date, title) AS docs
    FROM annual_normative_documents((SELECT ac_y FROM ac_p))
    GROUP BY unit_id
),
policy_cols AS (SELECT DISTINCT unit_id FROM columns WHERE category = '政策文件'),
prev AS (SELECT unit_id, paragraphs FROM annual_report_list((SELECT ac_y FROM ac_p) - 1, cutoff := (SELECT ac_cd FROM ac_p))),
checks AS (
    -- 未发布: no report by the check date, from a verified read of the 年报 column.
    -- A unit without a 年报 column cannot be checked: 待核实, rule 年报栏目.
    SELECT u.unit_id, CASE WHEN ucol.verified THEN '未发布' ELSE '待核实' END AS kind,
           CASE WHEN ucol.cols IS NULL THEN '年报栏目' ELSE '未发布' END AS rule, '' AS instance,
           gk.num(ac_p.ac_y) || '年度报告' AS expected, CASE WHEN ucol.cols IS NULL THEN '未配置' ELSE '未找到' END AS found, '' AS cells,
           CASE WHEN ucol.cols IS NULL THEN '未配置年报栏目（政务公开工作专题 或 annual_report: true）'
                ELSE '年报栏目 ' || ucol.crawl || '；核查日 ' || CAST(ac_p.ac_cd AS VARCHAR) END AS evidence,
           ucol.verified IS TRUE AS is_finding
    FROM units u CROSS JOIN ac_p
    LEFT JOIN ucol ON ucol.unit_id = u.unit_id
    WHERE ac_p.ac_cd > gk.annual_deadline(ac_p.ac_y, ac_p.ac_v)
      AND NOT EXISTS (SELECT 1 FROM rep WHERE rep.unit_id = u.unit_id)
    UNION ALL
    SELECT unit_id, CASE WHEN published IS NULL THEN '待核实' ELSE '逾期发布' END, '逾期发布', '',
           CAST(deadline AS VARCHAR), coalesce(CAST(published AS VARCHAR), coalesce(published_raw, '无发布日期')),
           '', CASE WHEN published IS NULL THEN '发布日期无法识别：' ELSE '逾期' || days_late || '天：' END || url,
           published IS NOT NULL
    FROM rep WHERE published IS NULL OR days_late > 0
    UNION ALL
    SELECT unit_id, '无法核对', '无法核对', status, '表格', status, '',
           coalesce(nullif(array_to_string(list_concat(attachments, images), ' '), ''), url), true
    FROM rep WHERE status <> 'read'
    UNION ALL
    SELECT rep.unit_id, '空白', '空白', '', '0', gk.num(rep.blank_cells),
           (SELECT string_agg(c.ref, ' ' ORDER BY c.ref) FROM cells c WHERE c.unit_id = rep.unit_id AND c.blank),
           rep.url, true
    FROM rep WHERE rep.blank_cells > 0
    UNION ALL
    SELECT unit_id, '缺项', name, instance, '', gk.num(missing) || '格未读到', lcells, canonical_url, true
    FROM sums WHERE missing > 0 AND NOT (optional AND NOT coalesce(first_present, false))
    UNION ALL
    SELECT unit_id, '勾稽错误', name, instance, gk.num(expected), gk.num(found),
           coalesce(lcells, '') || ' ≠ ' || coalesce(rcells, '0'), coalesce(where_left || ' ', '') || canonical_url, true
    FROM sums
    WHERE abs(found - expected) > 1e-9 AND missing = 0 AND NOT (optional AND NOT coalesce(first_present, false))
    UNION ALL
    SELECT c.unit_id, '勾稽错误',
           CASE WHEN c.ref IN (SELECT ref FROM amounts) THEN gk.rule_text(ac_p.ac_v, 'annual.amount_rule')
                ELSE gk.rule_text(ac_p.ac_v, 'annual.integer_rule') END,
           c.ref, '≥0', coalesce(c.raw, gk.num(c.value)), c.ref || '=' || coalesce(c.raw, ''), c.evidence || ' ' || c.canonical_url, true
    FROM cells c CROSS JOIN ac_p
    WHERE NOT c.valid OR c.value < 0 OR (c.ref NOT IN (SELECT ref FROM amounts) AND c.value <> floor(c.value))
    UNION ALL
    -- 核对提示: 本年制发件数 of 行政规范性文件 against the 政策文件 that look
    -- like 规范性文件, for units whose 政策文件 column is crawled.
    SELECT rep.unit_id, '核对提示', '规范性文件件数', '二/行政规范性文件/本年制发件数',
           gk.num(coalesce(norm.n, 0)), gk.num(c.value), c.ref, coalesce(norm.docs, '采集到的政策文件中没有规范性文件'), false
    FROM rep JOIN cells c ON c.unit_id = rep.unit_id AND c.canonical_url = rep.canonical_url AND c.ref = '二/行政规范性文件/本年制发件数'
    JOIN policy_cols pc ON pc.unit_id = rep.unit_id
    LEFT JOIN norm ON norm.unit_id = rep.unit_id
    WHERE coalesce(norm.n, 0) <> coalesce(c.value, 0)
    UNION ALL
    -- 核对提示: the text repeats last year's report.
    SELECT rep.unit_id, '核对提示', '与上年雷同', '',
           '<' || gk.num(gk.rule(ac_p.ac_v, 'annual.copied_share')), printf('%.2f', len(list_intersect(rep.paragraphs, prev.paragraphs)) / len(rep.paragraphs)),
           '', rep.url, false
    FROM rep JOIN prev ON prev.unit_id = rep.unit_id CROSS JOIN ac_p
    WHERE len(rep.paragraphs) > 0 AND gk.rule(ac_p.ac_v, 'annual.copied_share') > 0
      AND len(list_intersect(rep.paragraphs, prev.paragraphs)) / len(rep.paragraphs) >= gk.rule(ac_p.ac_v, 'annual.copied_share')
)
SELECT ch.unit_id, u.name AS unit_name, (SELECT ac_y FROM ac_p) AS year, ch.kind, ch.rule, ch.instance,
       ch.expected, ch.found, ch.cells, ch.evidence, ch.is_finding
FROM checks ch JOIN units u ON u.unit_id = ch.unit_id;
COMMENT ON MACRO TABLE annual_report_checks IS '年度报告审核 for a year: one row per finding (未发布, 逾期发布, 无法核对, 空白, 缺项, 勾稽错误 with rule and instance) or prompt (核对提示, 待核实), with expected, found, the cells and the evidence.';


-- Per unit: the report for report_year, its findings by kind, and what the
-- rules' switches (annual.deduct.*, annual.veto.*; off by default) make of
-- them in the scorecard. A switched-on finding that cannot be judged — no
-- report and the 年报 column not read in full or not configured, a 发布日期
-- that could not be read, tables that are an image or an attachment — is
-- 待核实, never taken as absent.
CREATE OR REPLACE MACRO annual_report_summary(report_year, cutoff := NULL) AS TABLE
WITH as_p AS MATERIALIZED (
    SELECT CAST(report_year AS INTEGER) AS as_y, gk.annual_version(report_year) AS as_v,
           coalesce(CAST(cutoff AS DATE), (SELECT max(rn.cutoff) FROM runs rn)) AS as_cd
),
sw AS MATERIALIZED (
    SELECT coalesce(gk.rule(as_v, 'annual.deduct.未发布'), 0) AS d_miss, coalesce(gk.rule(as_v, 'annual.veto.未发布'), 0) = 1 AS v_miss,
           coalesce(gk.rule(as_v, 'annual.deduct.逾期发布'), 0) AS d_late, coalesce(gk.rule(as_v, 'annual.veto.逾期发布'), 0) = 1 AS v_late,
           coalesce(gk.rule(as_v, 'annual.deduct.勾稽错误'), 0) AS d_err, coalesce(gk.rule(as_v, 'annual.veto.勾稽错误'), 0) = 1 AS v_err
    FROM as_p
),
ch AS MATERIALIZED (SELECT * FROM annual_report_checks((SELECT as_y FROM as_p), cutoff := (SELECT as_cd FROM as_p))),
rep AS MATERIALIZED (SELECT * FROM annual_report_list((SELECT as_y FROM as_p), cutoff := (SELECT as_cd FROM as_p))),
k AS (
    SELECT unit_id,
           bool_or(kind = '未发布') AS unpublished,
           bool_or(kind = '待核实' AND rule = '年报栏目') AS no_column,
           bool_or(kind = '待核实' AND rule IN ('未发布', '年报栏目')) AS missing_unknown,
           count(*) FILTER (WHERE kind = '勾稽错误') AS consistency_errors,
           count(*) FILTER (WHERE kind = '核对提示') AS prompts,
           count(*) FILTER (WHERE kind = '待核实') AS unverified,
           count(*) FILTER (WHERE is_finding) AS findings
    FROM ch GROUP BY unit_id
),
j AS (
    SELECT u.unit_id, u.name AS unit_name, u.kind, rep.title, rep.url, rep.published, rep.deadline, rep.status AS rep_status,
           rep.unit_id IS NOT NULL AS has_report, rep.cells AS rep_cells, rep.blank_cells AS rep_blank,
           coalesce(rep.days_late, 0) AS days_late,
           coalesce(k.unpublished, false) AS unpublished, coalesce(k.no_column, false) AS no_column,
           coalesce(k.missing_unknown, false) AS missing_unknown,
           rep.unit_id IS NOT NULL AND rep.published IS NULL AS date_unknown,
           coalesce(rep.status <> 'read', false) AS tables_unknown,
           coalesce(k.consistency_errors, 0) AS consistency_errors, coalesce(k.findings, 0) AS findings,
           coalesce(k.prompts, 0) AS prompts, coalesce(k.unverified, 0) AS unverified,
           k.unit_id IS NOT NULL AS checked
    FROM units u
    LEFT JOIN rep ON rep.unit_id = u.unit_id
    LEFT JOIN k ON k.unit_id = u.unit_id
),
-- The findings each switch acts on, and those it waits for.
f AS (
    SELECT j.*, sw.*,
           unpublished AS hit_miss, days_late > 0 AS hit_late, consistency_errors > 0 AS hit_err,
           missing_unknown AS wait_miss, missing_unknown OR date_unknown AS wait_late,
           missing_unknown OR tables_unknown AS wait_err
    FROM j CROSS JOIN sw
)
SELECT unit_id, unit_name, kind, (SELECT as_y FROM as_p) AS year,
       title, url, published, deadline, days_late,
       CASE WHEN NOT has_report THEN (CASE WHEN unpublished THEN '未发布' ELSE '待核实' END)
            WHEN rep_status <> 'read' THEN '无法核对' ELSE '已读取' END AS status,
       coalesce(rep_cells, 0) AS cells, coalesce(rep_blank, 0) AS blank_cells,
       consistency_errors, findings, prompts, unverified,
       CASE WHEN hit_miss THEN d_miss ELSE 0 END + CASE WHEN hit_late THEN d_late ELSE 0 END
       + CASE WHEN hit_err THEN d_err ELSE 0 END AS deduction,
       (hit_miss AND v_miss) OR (hit_late AND v_late) OR (hit_err AND v_err) AS veto,
       nullif(concat_ws('、', CASE WHEN hit_miss AND v_miss THEN '年报未发布' END,
                             CASE WHEN hit_late AND v_late THEN '年报逾期发布' END,
                             CASE WHEN hit_err AND v_err THEN '年报勾稽错误' END), '') AS vetoes,
       -- A deduction that waits leaves the total unknown; a veto that waits
       -- leaves the grade unknown.
       (wait_miss AND d_miss <> 0) OR (wait_late AND d_late <> 0) OR (wait_err AND d_err <> 0) AS deduction_pending,
       CASE WHEN (wait_miss AND (d_miss <> 0 OR v_miss)) OR (wait_late AND (d_late <> 0 OR v_late))
                 OR (wait_err AND (d_err <> 0 OR v_err)) THEN
           '年报' || concat_ws('、', CASE WHEN wait_miss AND (d_miss <> 0 OR v_miss) THEN '未发布' END,
                                    CASE WHEN wait_late AND (d_late <> 0 OR v_late) THEN '逾期发布' END,
                                    CASE WHEN wait_err AND (d_err <> 0 OR v_err) THEN '勾稽错误' END)
           || '(' || CASE WHEN no_column THEN '未配置年报栏目'
                          WHEN missing_unknown THEN '年报栏目未完整采集'
                          WHEN date_unknown AND tables_unknown THEN '发布日期无法识别、表格无法核对'
                          WHEN date_unknown THEN '发布日期无法识别'
                          ELSE '表格无法核对' END || ')'
       END AS pending
FROM f
WHERE has_report OR checked
ORDER BY unit_id;
COMMENT ON MACRO TABLE annual_report_summary IS '年度报告 per unit for a year: report, 发布日期, days late, status, cells read and blank, 勾稽错误, findings, prompts, and what the rules'' switches make of them in the scorecard: deduction, veto, vetoes, deduction_pending, pending (off by default).';
