-- 来信办理: letters with 来信时间 in the period, in their state at the cutoff.

CREATE OR REPLACE MACRO gk.letter_rows(f, t, as_of, ver) AS TABLE
WITH lr_p AS (SELECT CAST(f AS DATE) AS lr_f, CAST(t AS DATE) AS lr_t, CAST(as_of AS DATE) AS lr_cd, ver AS lr_v),
dflt AS (
    SELECT CAST(v.num AS INTEGER) AS default_days
    FROM rule_values v JOIN lr_p ON v.version = lr_p.lr_v WHERE v.key = 'letters.default_deadline'
),
l AS (
    SELECT l.*, CAST(coalesce(d.working_days, dflt.default_days) AS INTEGER) AS deadline_days,
           lr_p.lr_cd AS cd, l.status = 'replied' AS replied
    FROM gk.letters((SELECT lr_cd FROM lr_p)) l CROSS JOIN lr_p CROSS JOIN dflt
    LEFT JOIN rule_deadlines d ON d.version = lr_p.lr_v AND d.letter_type = l.type
    WHERE l.received_date BETWEEN lr_p.lr_f AND lr_p.lr_t
),
-- The deadline is the deadline_days-th working day after 来信时间.
dl AS (
    SELECT l.*, dd.day AS deadline,
           CASE WHEN l.replied THEN CAST(cp.workday_no - cr.workday_no AS INTEGER) END AS reply_days
    FROM l
    LEFT JOIN calendar cr ON cr.day = l.received_date
    LEFT JOIN calendar cp ON cp.day = l.replied_date
    LEFT JOIN calendar dd ON dd.is_workday AND dd.workday_no = cr.workday_no + l.deadline_days
)
SELECT dl.*,
       -- A letter due on the cutoff day still has that day to be
       -- answered: it is due (and overdue) only when the cutoff is after
       -- its deadline.
       dl.deadline < dl.cd AS due,
       CASE WHEN dl.replied AND dl.reply_days <= dl.deadline_days THEN true
            WHEN dl.deadline < dl.cd THEN false END AS on_time,
       NOT dl.replied AND dl.deadline < dl.cd AS overdue
FROM dl
-- Deadlines and reply times are counted only over years whose holidays
-- are known.
WHERE gk.wd_year_ok(dl.received_date) AND gk.wd_year_ok(dl.deadline) AND gk.wd_year_ok(dl.replied_date);

CREATE OR REPLACE MACRO letters_detail(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       l.mailbox_id, l.letter_key, l.letter_no, l.url, l.title, l.type, l.received_date,
       l.deadline_days, l.deadline, l.status, l.replied_date, l.reply_days, l.on_time, l.overdue,
       l.handler, l.detail_sha256
FROM gk.letter_rows(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) l
JOIN gk.units(gk.rule_version(period_from)) u ON u.unit_id = l.unit_id
ORDER BY u.kind_group, u.unit_id, l.received_date, l.mailbox_id, l.letter_key;

CREATE OR REPLACE MACRO gk.letters_summary(f, t, as_of, ver) AS TABLE
WITH ls_p AS (SELECT CAST(f AS DATE) AS ls_f, CAST(t AS DATE) AS ls_t, CAST(as_of AS DATE) AS ls_cd, ver AS ls_v),
n AS (
    SELECT unit_id, count(*) AS received,
           count(*) FILTER (WHERE replied) AS replied,
           count(*) FILTER (WHERE overdue) AS overdue,
           count(*) FILTER (WHERE due) AS due,
           count(*) FILTER (WHERE due AND on_time) AS on_time,
           avg(CAST(reply_days AS DOUBLE)) AS mean_reply_days,
           median(CAST(reply_days AS DOUBLE)) AS median_reply_days
    FROM gk.letter_rows((SELECT ls_f FROM ls_p), (SELECT ls_t FROM ls_p), (SELECT ls_cd FROM ls_p), (SELECT ls_v FROM ls_p))
    GROUP BY unit_id
),
mb AS (SELECT unit_id, count(*) AS mailboxes FROM mailboxes GROUP BY unit_id)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       coalesce(mb.mailboxes, 0) AS mailboxes,
       coalesce(n.received, 0) AS received, coalesce(n.replied, 0) AS replied,
       coalesce(n.received, 0) - coalesce(n.replied, 0) AS open,
       coalesce(n.overdue, 0) AS overdue, coalesce(n.due, 0) AS due, coalesce(n.on_time, 0) AS on_time,
       CASE WHEN n.received > 0 THEN n.replied / n.received END AS reply_rate,
       CASE WHEN n.due > 0 THEN n.on_time / n.due END AS on_time_rate,
       n.mean_reply_days, n.median_reply_days
FROM gk.units((SELECT ls_v FROM ls_p)) u
LEFT JOIN n ON n.unit_id = u.unit_id
LEFT JOIN mb ON mb.unit_id = u.unit_id;

CREATE OR REPLACE MACRO letters_summary(period_from, period_to, cutoff := NULL) AS TABLE
SELECT s.* REPLACE (round(s.reply_rate, 4) AS reply_rate, round(s.on_time_rate, 4) AS on_time_rate,
                   round(s.mean_reply_days, 2) AS mean_reply_days, round(s.median_reply_days, 2) AS median_reply_days),
       c.mailboxes_failed = 0 AS coverage_complete
FROM gk.letters_summary(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) s
JOIN gk.mailbox_coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = s.unit_id
ORDER BY s.kind_group, s.unit_id;

-- 留言公开完整性: replied letters and the reply fields their page lacks.
CREATE OR REPLACE MACRO gk.letter_disclosure_items(f, t, as_of, ver) AS TABLE
SELECT l.unit_id, l.mailbox_id, l.letter_key, l.url, l.title, l.type, l.received_date, l.replied_date,
       NOT coalesce(l.shows_reply_time, l.replied_date IS NOT NULL) AS missing_reply_time,
       NOT coalesce(l.shows_handler, l.handler IS NOT NULL) AS missing_handler,
       NOT coalesce(l.shows_reply_content, false) AS missing_reply_content,
       l.detail_sha256
FROM gk.letter_rows(f, t, as_of, ver) l
WHERE l.replied;

CREATE OR REPLACE MACRO letter_disclosure_items(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, l.* EXCLUDE (unit_id)
FROM gk.letter_disclosure_items(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) l
JOIN gk.units(gk.rule_version(period_from)) u ON u.unit_id = l.unit_id
WHERE l.missing_reply_time OR l.missing_handler OR l.missing_reply_content
ORDER BY u.kind_group, u.unit_id, l.received_date, l.mailbox_id, l.letter_key;

CREATE OR REPLACE MACRO letter_disclosure(period_from, period_to, cutoff := NULL) AS TABLE
WITH n AS (
    SELECT unit_id, count(*) AS replied,
           count(*) FILTER (WHERE NOT (missing_reply_time OR missing_handler OR missing_reply_content)) AS complete,
           count(*) FILTER (WHERE missing_reply_time) AS missing_reply_time,
           count(*) FILTER (WHERE missing_handler) AS missing_handler,
           count(*) FILTER (WHERE missing_reply_content) AS missing_reply_content
    FROM gk.letter_disclosure_items(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
    GROUP BY unit_id
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       coalesce(n.replied, 0) AS replied, coalesce(n.complete, 0) AS complete,
       coalesce(n.missing_reply_time, 0) AS missing_reply_time,
       coalesce(n.missing_handler, 0) AS missing_handler,
       coalesce(n.missing_reply_content, 0) AS missing_reply_content,
       coalesce(n.missing_reply_time, 0) + coalesce(n.missing_handler, 0) + coalesce(n.missing_reply_content, 0) AS missing_fields,
       c.mailboxes_failed = 0 AS coverage_complete
FROM gk.units(gk.rule_version(period_from)) u LEFT JOIN n ON n.unit_id = u.unit_id
JOIN gk.mailbox_coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = u.unit_id
ORDER BY u.kind_group, u.unit_id;

-- Letters not replied at as_of whose 来信时间 plus `months` calendar months
-- is before as_of, whatever the period.
CREATE OR REPLACE MACRO gk.unanswered(as_of, months) AS TABLE
WITH un_p AS (SELECT CAST(as_of AS DATE) AS un_cd, CAST(months AS INTEGER) AS un_m)
SELECT l.*, CAST(un_p.un_cd - l.received_date AS INTEGER) AS days_open,
       l.received_date >= gk.add_months(un_p.un_cd, -12) AS within_year
FROM gk.letters((SELECT un_cd FROM un_p)) l CROSS JOIN un_p
WHERE l.status <> 'replied' AND l.received_date IS NOT NULL
  AND gk.add_months(l.received_date, un_p.un_m) < un_p.un_cd;

-- 超期未答复 (veto 5 for a 咨询 received within the year).
CREATE OR REPLACE MACRO gk.long_unanswered(as_of, ver) AS TABLE
SELECT l.unit_id, l.mailbox_id, l.letter_key, l.url, l.title, l.type, l.received_date, l.status,
       l.days_open, l.within_year, l.type = '咨询' AND l.within_year AS veto
FROM gk.unanswered(as_of, gk.rule(ver, 'letters.long_unanswered_months')) l;

CREATE OR REPLACE MACRO long_unanswered(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, l.* EXCLUDE (unit_id)
FROM gk.long_unanswered(gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) l
JOIN gk.units(gk.rule_version(period_from)) u ON u.unit_id = l.unit_id
ORDER BY u.kind_group, u.unit_id, l.received_date, l.mailbox_id, l.letter_key;
