-- 单项否决 (国办秘函〔2019〕19号, the ones a crawler can see) and 预警.

CREATE OR REPLACE MACRO gk.vetoes(f, t, as_of, ver) AS TABLE
WITH vt_p AS MATERIALIZED (SELECT CAST(f AS DATE) AS vt_f, CAST(t AS DATE) AS vt_t, CAST(as_of AS DATE) AS vt_cd, ver AS vt_v),
r AS MATERIALIZED (
    SELECT max(v.num) FILTER (WHERE v.key = 'veto.1.enabled') = 1 AS on1,
           max(v.num) FILTER (WHERE v.key = 'veto.2.enabled') = 1 AS on2,
           max(v.num) FILTER (WHERE v.key = 'veto.2.min') AS min2,
           max(v.num) FILTER (WHERE v.key = 'veto.3.enabled') = 1 AS on3,
           max(v.num) FILTER (WHERE v.key = 'veto.3.min') AS min3,
           max(v.num) FILTER (WHERE v.key = 'veto.4.enabled') = 1 AS on4,
           max(v.num) FILTER (WHERE v.key = 'veto.4.min') AS min4,
           max(v.num) FILTER (WHERE v.key = 'veto.5.enabled') = 1 AS on5,
           max(v.num) FILTER (WHERE v.key = 'veto.5.min') AS min5,
           max(v.num) FILTER (WHERE v.key = 'veto.6.enabled') = 1 AS on6,
           max(v.num) FILTER (WHERE v.key = 'veto.7.enabled') = 1 AS on7,
           max(v.num) FILTER (WHERE v.key = 'veto.7.min') AS min7,
           max(v.num) FILTER (WHERE v.key = 'home.veto_days') AS home_days,
           CAST(max(v.num) FILTER (WHERE v.key = 'letters.long_unanswered_months') AS INTEGER) AS months
    FROM rule_values v JOIN vt_p ON v.version = vt_p.vt_v
),
u AS MATERIALIZED (SELECT * FROM gk.units((SELECT vt_v FROM vt_p))),
fs AS MATERIALIZED (SELECT * FROM gk.freshness_summary((SELECT vt_cd FROM vt_p), (SELECT vt_v FROM vt_p))),
home AS MATERIALIZED (SELECT * FROM gk.home_freshness((SELECT vt_cd FROM vt_p), (SELECT vt_v FROM vt_p))),
lu AS MATERIALIZED (
    SELECT unit_id, count(*) AS n
    FROM gk.long_unanswered((SELECT vt_cd FROM vt_p), (SELECT vt_v FROM vt_p)) WHERE veto GROUP BY unit_id
),
bd AS MATERIALIZED (
    SELECT unit_id, count(*) AS n
    FROM gk.back_dated((SELECT vt_f FROM vt_p), (SELECT vt_t FROM vt_p), (SELECT vt_cd FROM vt_p)) GROUP BY unit_id
),
-- A mailbox is usable when its as-of read is verified; it is missing
-- when the site answered its list page with not found. A mailbox that
-- failed, was blocked or is suspect is neither: 无可用信箱 waits for it.
mb AS MATERIALIZED (
    SELECT m.unit_id, count(*) AS mailboxes,
           count(*) FILTER (WHERE gk.verified(cr.verdict)) AS mailboxes_ok,
           count(*) FILTER (WHERE nf.run_id IS NOT NULL) AS mailboxes_missing
    FROM mailboxes m
    LEFT JOIN gk.column_run((SELECT vt_cd FROM vt_p)) cr ON cr.kind = 'mailbox' AND cr.unit_id = m.unit_id AND cr.column_id = m.mailbox_id
    LEFT JOIN (
        SELECT DISTINCT a.run_id, a.unit_id, a.column_id
        FROM page_attempts a
        WHERE a.kind = 'mailbox_list' AND a.status IN (404, 410)
    ) nf ON nf.run_id = cr.run_id AND nf.unit_id = m.unit_id AND nf.column_id = m.mailbox_id
        AND NOT gk.verified(cr.verdict)
    GROUP BY m.unit_id
),
-- fired: the veto's evidence is verified. undetermined: it did not fire,
-- but sources not verified at the cutoff could make it fire; the unit's
-- grade then waits for them (待核实).
v AS MATERIALIZED (
    SELECT u.unit_id, 1 AS veto_no, '首页不更新' AS veto, r.on1 AS enabled,
           r.on1 AND coalesce(home.veto, false) AS fired,
           CAST(home.days_stale AS DOUBLE) AS figure, r.home_days AS threshold,
           CASE WHEN r.on1 AND home.veto THEN printf('首页%d天未更新', home.days_stale) END AS reason,
           coalesce(home.coverage_ok, true) AS coverage_complete,
           r.on1 AND home.status IN ('failed', 'blocked', 'not_crawled') AS undetermined,
           CASE WHEN r.on1 AND home.status IN ('failed', 'blocked', 'not_crawled') THEN
               printf('待核实: 首页%s', CASE home.status WHEN 'blocked' THEN '被拦截' WHEN 'not_crawled' THEN '未采集'
                                                       ELSE '抓取失败' END) END AS pending
    FROM u CROSS JOIN r LEFT JOIN home ON home.unit_id = u.unit_id
    UNION ALL
    SELECT u.unit_id, 2, '栏目不更新(重点)', r.on2, r.on2 AND fs.stale_key >= r.min2,
           fs.stale_key, r.min2,
           CASE WHEN r.on2 AND fs.stale_key >= r.min2 THEN printf('重点栏目%d个未按期更新', fs.stale_key) END,
           fs.coverage_complete,
           r.on2 AND fs.stale_key < r.min2 AND fs.stale_key + fs.unverified_key >= r.min2,
           CASE WHEN r.on2 AND fs.stale_key < r.min2 AND fs.stale_key + fs.unverified_key >= r.min2 THEN
               printf('待核实: %d个重点栏目未完整采集', fs.unverified_key) END
    FROM u CROSS JOIN r JOIN fs ON fs.unit_id = u.unit_id
    UNION ALL
    SELECT u.unit_id, 3, '栏目不更新(全部)', r.on3, r.on3 AND fs.stale >= r.min3,
           fs.stale, r.min3,
           CASE WHEN r.on3 AND fs.stale >= r.min3 THEN printf('%d个栏目未按期更新', fs.stale) END,
           fs.coverage_complete,
           r.on3 AND fs.stale < r.min3 AND fs.stale + fs.unverified >= r.min3,
           CASE WHEN r.on3 AND fs.stale < r.min3 AND fs.stale + fs.unverified >= r.min3 THEN
               printf('待核实: %d个栏目未完整采集', fs.unverified) END
    FROM u CROSS JOIN r JOIN fs ON fs.unit_id = u.unit_id
    UNION ALL
    SELECT u.unit_id, 4, '空白栏目', r.on4, r.on4 AND fs.blank >= r.min4,
           fs.blank, r.min4,
           CASE WHEN r.on4 AND fs.blank >= r.min4 THEN printf('空白栏目%d个', fs.blank) END,
           fs.coverage_complete,
           r.on4 AND fs.blank < r.min4 AND fs.blank + fs.unverified >= r.min4,
           CASE WHEN r.on4 AND fs.blank < r.min4 AND fs.blank + fs.unverified >= r.min4 THEN
               printf('待核实: %d个栏目未完整采集', fs.unverified) END
    FROM u CROSS JOIN r JOIN fs ON fs.unit_id = u.unit_id
    UNION ALL
    SELECT u.unit_id, 5, '互动回应差', r.on5,
           r.on5 AND coalesce(lu.n, 0) >= r.min5 AND coalesce(mb.mailboxes_ok = mb.mailboxes, true),
           coalesce(lu.n, 0), r.min5,
           CASE WHEN r.on5 AND coalesce(lu.n, 0) >= r.min5 AND coalesce(mb.mailboxes_ok = mb.mailboxes, true) THEN
               printf('咨询留言超过%d个月未答复%d条', r.months, lu.n) END,
           coalesce(mb.mailboxes_ok = mb.mailboxes, true),
           r.on5 AND NOT coalesce(mb.mailboxes_ok = mb.mailboxes, true),
           CASE WHEN r.on5 AND NOT coalesce(mb.mailboxes_ok = mb.mailboxes, true) THEN
               printf('待核实: %d个信箱未完整采集', mb.mailboxes - mb.mailboxes_ok) END
    FROM u CROSS JOIN r LEFT JOIN lu ON lu.unit_id = u.unit_id LEFT JOIN mb ON mb.unit_id = u.unit_id
    UNION ALL
    SELECT u.unit_id, 6, '无可用信箱', r.on6,
           r.on6 AND u.must_have_mailbox AND coalesce(mb.mailboxes, 0) = coalesce(mb.mailboxes_missing, 0),
           coalesce(mb.mailboxes_ok, 0), 1,
           CASE WHEN r.on6 AND u.must_have_mailbox AND coalesce(mb.mailboxes, 0) = coalesce(mb.mailboxes_missing, 0) THEN
               CASE WHEN coalesce(mb.mailboxes, 0) = 0 THEN '未设置信箱' ELSE '信箱页面不存在(404)' END END,
           coalesce(mb.mailboxes_ok = mb.mailboxes, true),
           r.on6 AND u.must_have_mailbox AND coalesce(mb.mailboxes_ok, 0) = 0
               AND coalesce(mb.mailboxes, 0) > coalesce(mb.mailboxes_missing, 0),
           CASE WHEN r.on6 AND u.must_have_mailbox AND coalesce(mb.mailboxes_ok, 0) = 0
                     AND coalesce(mb.mailboxes, 0) > coalesce(mb.mailboxes_missing, 0) THEN
               '待核实: 信箱未能访问(抓取失败或被拦截), 不能认定无可用信箱' END
    FROM u CROSS JOIN r LEFT JOIN mb ON mb.unit_id = u.unit_id
    UNION ALL
    SELECT u.unit_id, 7, '伪造发稿日期', r.on7, r.on7 AND coalesce(bd.n, 0) >= r.min7,
           coalesce(bd.n, 0), r.min7,
           CASE WHEN r.on7 AND coalesce(bd.n, 0) >= r.min7 THEN printf('倒签发稿%d条', bd.n) END,
           fs.coverage_complete, false, NULL
    FROM u CROSS JOIN r LEFT JOIN bd ON bd.unit_id = u.unit_id JOIN fs ON fs.unit_id = u.unit_id
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, v.veto_no, v.veto, v.enabled,
       coalesce(v.fired, false) AS fired, CAST(v.figure AS DOUBLE) AS figure, CAST(v.threshold AS DOUBLE) AS threshold,
       v.reason, v.coverage_complete,
       coalesce(v.undetermined, false) AS undetermined, v.pending
FROM v JOIN u ON u.unit_id = v.unit_id;

CREATE OR REPLACE MACRO vetoes(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * REPLACE (round(figure, 4) AS figure, round(threshold, 4) AS threshold)
FROM gk.vetoes(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
ORDER BY kind_group, unit_id, veto_no;

CREATE OR REPLACE MACRO gk.early_warnings(as_of, ver) AS TABLE
WITH ew_p AS MATERIALIZED (SELECT CAST(as_of AS DATE) AS ew_cd, ver AS ew_v),
r AS MATERIALIZED (
    SELECT max(v.num) FILTER (WHERE v.key = 'home.warning_days') AS home_days,
           max(v.num) FILTER (WHERE v.key = 'warning.blank_columns') AS blank_max,
           max(v.num) FILTER (WHERE v.key = 'warning.stale_columns') AS stale_max,
           max(v.num) FILTER (WHERE v.key = 'warning.letter_months') AS letter_months,
           max(v.num) FILTER (WHERE v.key = 'warning.fail_rate') AS fail_rate
    FROM rule_values v JOIN ew_p ON v.version = ew_p.ew_v
),
fs AS MATERIALIZED (SELECT * FROM gk.freshness_summary((SELECT ew_cd FROM ew_p), (SELECT ew_v FROM ew_p))),
-- The fail rate as gk.coverage computes it, from the pages alone: a unit
-- without pages has none and cannot warn.
pg AS MATERIALIZED (
    SELECT unit_id,
           (count(*) FILTER (WHERE outcome = 'failed') + count(*) FILTER (WHERE outcome = 'blocked')) / count(*) AS fail_rate,
           min(url) FILTER (WHERE outcome IN ('failed', 'blocked')) AS url
    FROM gk.pages((SELECT ew_cd FROM ew_p)) GROUP BY unit_id
),
w AS MATERIALIZED (
    SELECT h.unit_id, 1 AS ord, 'home_stale' AS rule, '首页更新预警' AS warning,
           CAST(h.days_stale AS DOUBLE) AS figure, r.home_days AS threshold,
           coalesce(h.newest_url, h.home_url) AS evidence_url
    FROM gk.home_freshness((SELECT ew_cd FROM ew_p), (SELECT ew_v FROM ew_p)) h CROSS JOIN r
    WHERE h.coverage_ok AND h.days_stale >= r.home_days
    UNION ALL
    SELECT fs.unit_id, 2, 'blank_columns', '空白栏目预警', fs.blank, r.blank_max, fs.first_blank_url
    FROM fs CROSS JOIN r WHERE fs.blank > r.blank_max
    UNION ALL
    SELECT fs.unit_id, 3, 'stale_columns', '栏目更新预警', fs.stale, r.stale_max, fs.first_stale_url
    FROM fs CROSS JOIN r WHERE fs.stale > r.stale_max
    UNION ALL
    SELECT l.unit_id, 4, 'letter_unanswered', '留言超期预警', count(*), any_value(r.letter_months), min(l.url)
    FROM gk.unanswered((SELECT ew_cd FROM ew_p), (SELECT letter_months FROM r)) l CROSS JOIN r
    GROUP BY l.unit_id
    UNION ALL
    SELECT pg.unit_id, 5, 'fail_rate', '采集失败预警', pg.fail_rate, r.fail_rate, pg.url
    FROM pg CROSS JOIN r
    WHERE pg.fail_rate >= r.fail_rate
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, w.rule, w.warning,
       CAST(w.figure AS DOUBLE) AS figure, CAST(w.threshold AS DOUBLE) AS threshold, w.evidence_url, w.ord
FROM w JOIN gk.units((SELECT ew_v FROM ew_p)) u ON u.unit_id = w.unit_id;

CREATE OR REPLACE MACRO early_warnings(period_from, period_to, cutoff := NULL) AS TABLE
SELECT * EXCLUDE (ord) REPLACE (round(figure, 4) AS figure, round(threshold, 4) AS threshold)
FROM gk.early_warnings(gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
ORDER BY kind_group, unit_id, ord;
