-- 问题清单: every problem of every unit in one shape, the rows of each
-- unit's 问题清单 workbook: what kind of problem (problem, ord its group),
-- about what (subject), when (day), the figures (detail), the page (url)
-- and the snapshot that shows it (evidence, a SHA-256 for page_evidence),
-- with the 整改要求 (requirement) the 问题清单 prints beside it.
CREATE OR REPLACE MACRO unit_problems(period_from, period_to, cutoff := NULL) AS TABLE
SELECT p.* REPLACE (coalesce(p.evidence, latest.sha256) AS evidence), rectification_requirement(p.problem) AS requirement FROM (
SELECT v.unit_id, 0 AS ord, '单项否决：' || v.veto AS problem, NULL AS subject, NULL::DATE AS day,
       v.reason AS detail, h.home_url AS url, nullif(o.sha256, '') AS evidence
FROM vetoes(period_from, period_to, cutoff := cutoff) v
-- 首页不更新 names a page: the home page as the judging run saw it.
LEFT JOIN home_freshness(period_from, period_to, cutoff := cutoff) h ON h.unit_id = v.unit_id AND v.veto = '首页不更新'
LEFT JOIN home_observations o ON o.run_id = h.run_id AND o.unit_id = h.unit_id
WHERE v.fired
UNION ALL
SELECT unit_id, 0, '否决待核实：' || veto, NULL, NULL, pending, NULL, NULL
FROM vetoes(period_from, period_to, cutoff := cutoff) WHERE undetermined
UNION ALL
SELECT r.unit_id, 0, '需重新采集：' || CASE r.source_kind WHEN 'column' THEN '栏目' WHEN 'mailbox' THEN '信箱' ELSE '首页' END,
       r.source_name, NULL, concat(verdict_label(r.verdict), '；', coalesce(r.verdict_reason, ''), '；影响：', r.waiting), r.url, e.sha256
FROM recrawl_needed(period_from, period_to, cutoff := cutoff) r
-- What the site answered instead (a challenge page, an error page), when
-- it answered anything that was stored.
LEFT JOIN (SELECT run_id, unit_id, column_id, url, sha256, fetched_at, attempt FROM page_attempts
           WHERE sha256 IS NOT NULL AND sha256 <> '') e
       ON e.run_id = r.run_id AND e.unit_id = r.unit_id AND (e.column_id = r.source_id OR (r.source_kind = 'home' AND e.column_id IS NULL AND e.url = r.url))
QUALIFY row_number() OVER (PARTITION BY r.unit_id, r.source_kind, r.source_id ORDER BY e.url = r.url DESC NULLS LAST, e.fetched_at, e.attempt DESC) = 1
UNION ALL
SELECT unit_id, 1, '预警：' || warning, NULL, NULL,
       warning_text(rule, figure, threshold), evidence_url, NULL
FROM early_warnings(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 2, '逾期发布', title, publish_date,
       concat('成文 ', formed_date, '，发布 ', publish_date, '，用时 ', working_days, ' 个工作日'), url, detail_sha256
FROM timeliness_items(period_from, period_to, cutoff := cutoff) WHERE NOT on_time
UNION ALL
SELECT unit_id, 3, CASE status WHEN 'stale' THEN '栏目不更新' WHEN 'blank' THEN '空白栏目' ELSE '栏目待核实' END,
       column_name, newest_date,
       CASE status WHEN 'stale' THEN concat('最新发布 ', coalesce(CAST(newest_date AS VARCHAR), '无日期'), '，距截止 ', coalesce(CAST(days_since AS VARCHAR), '—'), ' 天')
                   WHEN 'blank' THEN '栏目从未发布信息'
                   ELSE concat('采集结果：', coalesce(outcome_label(outcome), '未采集'), '，无法判断是否更新') END,
       f.url, e.sha256
FROM column_freshness(period_from, period_to, cutoff := cutoff) f
-- The evidence of a stale or blank column is its first list page as the
-- run that judged it fetched it (the column's address, or the first page of
-- the API the column is read through).
LEFT JOIN (SELECT run_id, column_id, url, sha256, fetched_at, attempt FROM page_attempts
           WHERE kind = 'list' AND sha256 IS NOT NULL AND sha256 <> '') e
       ON e.run_id = f.run_id AND e.column_id = f.column_id
WHERE f.status IN ('stale', 'blank', 'unverified')
QUALIFY row_number() OVER (PARTITION BY f.unit_id, f.column_id ORDER BY e.url = f.url DESC NULLS LAST, e.fetched_at, e.attempt DESC) = 1
UNION ALL
SELECT unit_id, 4, '政策未关联解读', title, publish_date, concat('页面外链 ', links_out, ' 个'), url, detail_sha256
FROM unlinked_policies(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 5, CASE WHEN overdue THEN '信件超时未办' ELSE '信件逾期答复' END, title, received_date,
       concat(type, '，来信 ', received_date, '，期限 ', deadline, CASE WHEN replied_date IS NOT NULL THEN concat('，答复 ', replied_date) ELSE '' END),
       url, detail_sha256
FROM letters_detail(period_from, period_to, cutoff := cutoff) WHERE overdue OR on_time = false
UNION ALL
SELECT o.unit_id, 6, '信件超期未答复', o.title, o.received_date,
       concat(o.type, '，已 ', o.days_open, ' 天未答复', CASE WHEN o.veto THEN '（触发否决）' ELSE '' END), o.url, nullif(l.detail_sha256, '')
FROM long_unanswered(period_from, period_to, cutoff := cutoff) o
LEFT JOIN letters l ON l.unit_id = o.unit_id AND l.mailbox_id = o.mailbox_id AND l.letter_key = o.letter_key
UNION ALL
SELECT unit_id, 7, '留言公开缺项', title, received_date,
       concat_ws('、', CASE WHEN missing_reply_time THEN '缺回复时间' END, CASE WHEN missing_handler THEN '缺答复单位' END,
                 CASE WHEN missing_reply_content THEN '缺答复内容' END),
       url, detail_sha256
FROM letter_disclosure_items(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 8, '疑似倒签补录', title, publish_date,
       concat('标称 ', publish_date, ' 发布；', earlier_cutoff, ' 采集该栏目未见，', first_seen_cutoff, ' 首次发现'),
       url, detail_sha256
FROM back_dated(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 9, '已删除', title, removed_date,
       concat('发布 ', coalesce(CAST(publish_date AS VARCHAR), '无日期'), '；', last_seen_date, ' 最后见于栏目，', removed_date,
              ' 采集时栏目已不再列出，页面返回 ', removed_status),
       url, detail_sha256
FROM removed_items(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 10, '列出未核验', title, publish_date, concat('详情页未能打开（', coalesce(detail_error, ''), '），不计入发布数量'), url, NULL
FROM listed_unverified(period_from, period_to, cutoff := cutoff)
UNION ALL
-- A 年报 column missing from the configuration is the office's to fix,
-- not the unit's, and stays on the 年报审核 sheets.
SELECT unit_id, 9, '年报：' || kind, trim(rule || ' ' || instance), NULL::DATE,
       concat('应为 ', expected, '，实为 ', found, CASE WHEN cells <> '' THEN '；' || cells ELSE '' END),
       NULL, evidence
FROM annual_report_checks(year(CAST(period_from AS DATE)) - 1)
WHERE rule <> '年报栏目'
UNION ALL
SELECT unit_id, 9, CASE WHEN answered THEN '舆情突增' ELSE '舆情突增未回应' END, topic, month,
       concat(letters, ' 封来信', CASE WHEN answered THEN '，已发布《' || answer_title || '》' ELSE '，期限内未见相关政策解读或通知公告' END),
       answer_url, NULL
FROM surge_responses(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 10, CASE WHEN closed THEN '重复来信' ELSE '重复来信未解决' END, titles[1], first_date,
       concat(letters, ' 封同一事项来信（', first_date, ' 至 ', last_date, '）'), NULL, NULL
FROM repeat_letters(period_from, period_to, cutoff := cutoff)
UNION ALL
SELECT unit_id, 11, '答复敷衍', title, received_date,
       concat_ws('、', CASE WHEN short THEN '答复过短' END, CASE WHEN forward_only THEN '仅称已转办' END,
                 CASE WHEN template THEN '与其他 ' || similar_replies || ' 件答复雷同' END) || '：' || reply,
       url, NULL
FROM boilerplate_replies(period_from, period_to, cutoff := cutoff)
) p
-- A row that names a page but no snapshot of its own (a warning's page, a
-- letter or reply page) shows that page as last fetched by the cutoff.
LEFT JOIN (SELECT a.url, a.sha256 FROM page_attempts a JOIN runs r ON r.run_id = a.run_id
           JOIN (SELECT gk.cutoff(period_to, cutoff) AS day) k ON r.cutoff <= k.day
           WHERE a.sha256 IS NOT NULL AND a.sha256 <> ''
           QUALIFY row_number() OVER (PARTITION BY a.url ORDER BY a.fetched_at DESC, a.attempt DESC) = 1) latest
       ON latest.url = p.url
ORDER BY p.unit_id, p.ord, p.day NULLS FIRST, p.subject, p.url, p.problem, p.detail;
