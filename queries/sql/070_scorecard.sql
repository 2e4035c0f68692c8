-- 考核得分: 100 points per unit for the period, by the rule set of the
-- period's year. A part with no denominator is NULL and the total is
-- rescaled over the parts that remain; a fired veto makes the grade
-- 不合格 whatever the total.

-- The parts that wait for sources not verified at the cutoff, named.
CREATE OR REPLACE MACRO gk.pending_parts(p1, p2, p3, p4, p5) AS
    nullif(concat_ws('、', CASE WHEN p1 THEN '信息发布' END, CASE WHEN p2 THEN '发布及时' END,
                          CASE WHEN p3 THEN '栏目维护' END, CASE WHEN p4 THEN '政策解读' END,
                          CASE WHEN p5 THEN '互动回应' END), '');

-- Why a unit is graded 待核实: its parts and vetoes that wait for
-- sources; NULL when a veto fired on verified evidence (the grade stands).
CREATE OR REPLACE MACRO gk.pending(veto_count, pending_parts, pending_vetoes) AS CASE
    WHEN veto_count = 0 AND (pending_parts IS NOT NULL OR pending_vetoes IS NOT NULL) THEN
        '待核实: ' || concat_ws('; ', CASE WHEN pending_parts IS NOT NULL THEN pending_parts || '的采集未完整' END,
                                      pending_vetoes)
    END;

-- What the rules' switches (annual.deduct.*, annual.veto.*,
-- opinion.deduct.*; off by default) take off or veto in a period, per
-- unit. Declared here with no effect so the scorecard below can name it;
-- 090_opinion.sql defines it, once the 年报 and 舆情 macros it reads exist.
CREATE OR REPLACE MACRO gk.switch_points(f, t, as_of, ver) AS TABLE
SELECT unit_id, 0.0 AS annual_deduction, false AS annual_deduction_pending,
       CAST(NULL AS VARCHAR) AS annual_vetoes, CAST(NULL AS VARCHAR) AS annual_pending, 0.0 AS opinion_deduction
FROM units;

-- Points less a deduction, floor 0; NULL stays NULL.
CREATE OR REPLACE MACRO gk.net(points, off) AS
    CASE WHEN points IS NOT NULL THEN greatest(points - coalesce(off, 0), 0) END;

-- The total after the switches: the 舆情 deduction comes off 互动回应
-- (interaction before and after), the 年报 deduction off the total, floor
-- 0; NULL when the total is or when a switched-on 年报 finding waits.
CREATE OR REPLACE MACRO gk.switch_total(total, raw_points, max_points, interaction, interaction_net, annual_deduction, annual_pending) AS
    CASE WHEN total IS NOT NULL AND NOT annual_pending THEN
        round(greatest((raw_points - coalesce(interaction - interaction_net, 0)) * 100 / max_points - annual_deduction, 0), 2)
    END;

-- The points of each part, the points available and the total of every
-- period of a list of STRUCT(pid, f, t, cd, ver), each standing for one
-- period from f to t at cutoff cd under rule set ver: the one definition
-- behind gk.points (one period) and gk.points_set (scorecard's current,
-- previous and last-year periods side by side, which keeps the query, and
-- the time DuckDB spends planning it, a third of three expansions). Each
-- step repeats a single-period macro (gk.publish_summary, gk.timeliness,
-- gk.freshness_summary, gk.interpretation_links, gk.letters_summary) with
-- the period id added to its keys (the reference tests check both
-- against the plain-Go computation).
CREATE OR REPLACE MACRO gk.points_of(periods) AS TABLE
WITH p AS MATERIALIZED (
    SELECT x.s.pid AS pid, x.s.f AS f, x.s.t AS t, x.s.cd AS cd, x.s.ver AS ver
    FROM (SELECT unnest(periods) AS s) x
),
w AS MATERIALIZED (
    SELECT p.pid,
           max(v.num) FILTER (WHERE v.key = 'score.weight.publish') AS wp,
           max(v.num) FILTER (WHERE v.key = 'score.weight.timeliness') AS wt,
           max(v.num) FILTER (WHERE v.key = 'score.weight.maintenance') AS wm,
           max(v.num) FILTER (WHERE v.key = 'score.weight.interpretation') AS wi,
           max(v.num) FILTER (WHERE v.key = 'score.maintenance.dynamic_stale') AS d_dyn,
           max(v.num) FILTER (WHERE v.key = 'score.maintenance.key_stale') AS d_key,
           max(v.num) FILTER (WHERE v.key = 'score.maintenance.other_stale') AS d_other,
           max(v.num) FILTER (WHERE v.key = 'score.maintenance.blank') AS d_blank,
           max(v.num) FILTER (WHERE v.key = 'score.interaction.reply_rate') AS i_reply,
           max(v.num) FILTER (WHERE v.key = 'score.interaction.on_time_rate') AS i_on_time,
           max(v.num) FILTER (WHERE v.key = 'score.interaction.speed') AS i_speed,
           max(v.num) FILTER (WHERE v.key = 'score.interaction.fast_days') AS fast,
           max(v.num) FILTER (WHERE v.key = 'score.interaction.slow_days') AS slow
    FROM p LEFT JOIN rule_values v ON v.version = p.ver
    GROUP BY p.pid
),
-- gk.units(ver) per period.
pu AS MATERIALIZED (
    SELECT p.pid, u.unit_id, coalesce(tu.yearly, tk.yearly) AS yearly_target
    FROM units u CROSS JOIN p
    LEFT JOIN rule_targets tu ON tu.version = p.ver AND tu.scope = 'unit' AND tu.subject = u.unit_id
    LEFT JOIN rule_targets tk ON tk.version = p.ver AND tk.scope = 'kind' AND tk.subject = u.kind
),
-- gk.items(cd) per period.
known AS MATERIALIZED (
    SELECT p.pid, i.unit_id, i.canonical_url, i.column_id, i.category, i.publish_date, i.formed_date,
           i.publish_date BETWEEN p.f AND p.t AS in_period,
           coalesce(rf.cutoff <= p.cd, false) AND NOT coalesce(ro.cutoff <= p.cd, false) AS listed_unverified
    FROM items i JOIN runs r ON r.run_id = i.first_seen_run JOIN p ON r.cutoff <= p.cd
    LEFT JOIN runs rm ON rm.run_id = i.removed_run
    LEFT JOIN runs rf ON rf.run_id = i.detail_failed_run
    LEFT JOIN runs ro ON ro.run_id = i.detail_fetched_run
    WHERE NOT coalesce(rm.cutoff <= p.cd, false)
),
-- gk.published(f, t, cd) per period.
pub AS MATERIALIZED (SELECT * FROM known WHERE in_period AND NOT listed_unverified),
-- gk.publish_summary
ps AS (
    SELECT pu.pid, pu.unit_id,
           CASE WHEN s.target > 0 THEN least(s.published / s.target, 1.0) END AS completion_scored
    FROM pu JOIN (
        SELECT pu.pid, pu.unit_id, coalesce(n.published, 0) AS published,
               pu.yearly_target * d.days / d.year_days AS target
        FROM pu
        JOIN (SELECT pid, greatest(gk.scored_to(t, cd) - f + 1, 0) AS days,
                     make_date(year(f) + 1, 1, 1) - make_date(year(f), 1, 1) AS year_days FROM p) d ON d.pid = pu.pid
        LEFT JOIN (SELECT pid, unit_id, count(*) AS published FROM pub GROUP BY pid, unit_id) n
               ON n.pid = pu.pid AND n.unit_id = pu.unit_id
    ) s ON s.pid = pu.pid AND s.unit_id = pu.unit_id
),
-- gk.timeliness
tl_lim AS (
    SELECT p.pid, CAST(v.num AS INTEGER) AS limit_days
    FROM rule_values v JOIN p ON v.version = p.ver WHERE v.key = 'timeliness.working_days'
),
tl AS (
    SELECT pu.pid, pu.unit_id,
           CASE WHEN n.with_formed > 0 THEN n.on_time / n.with_formed END AS rate
    FROM pu JOIN tl_lim ON tl_lim.pid = pu.pid
    LEFT JOIN (
        SELECT ti.pid, ti.unit_id,
               count(*) FILTER (WHERE ti.formed_date IS NOT NULL) AS with_formed,
               count(*) FILTER (WHERE ti.on_time) AS on_time
        FROM (
            SELECT pu.pid, pu.unit_id, i.formed_date,
                   CASE WHEN i.formed_date IS NOT NULL THEN CAST(cp.workday_no - cf.workday_no AS INTEGER) <= tl_lim.limit_days END AS on_time
            FROM pu JOIN pub i ON i.pid = pu.pid AND i.unit_id = pu.unit_id
            JOIN tl_lim ON tl_lim.pid = pu.pid
            LEFT JOIN calendar cf ON cf.day = i.formed_date
            LEFT JOIN calendar cp ON cp.day = i.publish_date
            WHERE i.formed_date IS NULL OR (gk.wd_year_ok(i.formed_date) AND gk.wd_year_ok(i.publish_date))
        ) ti
        GROUP BY ti.pid, ti.unit_id
    ) n ON n.pid = pu.pid AND n.unit_id = pu.unit_id
),
-- gk.freshness_summary: gk.column_run, gk.item_columns, gk.column_state and
-- gk.columns per period.
crm AS MATERIALIZED (
    SELECT * FROM (
        SELECT p.pid, c.unit_id, c.column_id, c.kind, c.run_id, c.found, c.outcome, c.verdict,
               row_number() OVER (PARTITION BY p.pid, c.unit_id, c.kind, c.column_id
                                  ORDER BY r.cutoff DESC, coalesce(r.default_cutoff, false) DESC, c.run_id DESC) AS n
        FROM column_runs c JOIN runs r ON r.run_id = c.run_id JOIN p ON r.cutoff <= p.cd
    ) WHERE n = 1
),
cr AS (SELECT * FROM crm WHERE kind = 'column'),
-- gk.mailbox_coverage per period.
mc AS (
    SELECT pu.pid, pu.unit_id, coalesce(n.failed, 0) AS mailboxes_failed
    FROM pu LEFT JOIN (
        SELECT p.pid, m.unit_id, count(*) FILTER (WHERE NOT gk.verified(crm.verdict)) AS failed
        FROM mailboxes m CROSS JOIN p
        LEFT JOIN crm ON crm.pid = p.pid AND crm.kind = 'mailbox' AND crm.unit_id = m.unit_id AND crm.column_id = m.mailbox_id
        GROUP BY p.pid, m.unit_id
    ) n ON n.pid = pu.pid AND n.unit_id = pu.unit_id
),
ic AS (
    SELECT p.pid, o.unit_id, o.canonical_url, o.column_id
    FROM item_observations o JOIN runs r ON r.run_id = o.run_id JOIN p ON r.cutoff <= p.cd
    UNION
    SELECT pid, unit_id, canonical_url, column_id FROM known
),
col_agg AS (
    SELECT ic.pid, ic.unit_id, ic.column_id, count(*) AS items, max(i.publish_date) AS newest_date
    FROM ic JOIN known i ON i.pid = ic.pid AND i.unit_id = ic.unit_id AND i.canonical_url = ic.canonical_url
    GROUP BY ic.pid, ic.unit_id, ic.column_id
),
drift AS (
    SELECT cr.pid, cr.unit_id, cr.column_id,
           coalesce(cr.found, 0) = 0 AND cr.outcome IN ('ok', 'empty') AND fo.first_run < cr.run_id AS drift
    FROM cr JOIN gk.first_seen() fo ON fo.unit_id = cr.unit_id AND fo.column_id = cr.column_id
),
cs AS (
    SELECT p.pid, c.unit_id, c.category, coalesce(agg.items, 0) AS items, agg.newest_date,
           cr.run_id IS NOT NULL AND gk.verified(cr.verdict) AND NOT coalesce(drift.drift, false) AS coverage_ok,
           p.cd AS cutoff, p.ver
    FROM columns c CROSS JOIN p
    LEFT JOIN col_agg agg ON agg.pid = p.pid AND agg.unit_id = c.unit_id AND agg.column_id = c.column_id
    LEFT JOIN cr ON cr.pid = p.pid AND cr.unit_id = c.unit_id AND cr.column_id = c.column_id
    LEFT JOIN drift ON drift.pid = p.pid AND drift.unit_id = c.unit_id AND drift.column_id = c.column_id
),
cols AS (
    SELECT s.pid, s.unit_id, s.deduct_group, s.coverage_ok,
           CASE WHEN NOT s.coverage_ok AND s.seen_status IN ('stale', 'blank') THEN 'unverified' ELSE s.seen_status END AS status
    FROM (
        SELECT cs.*, coalesce(rc.deduct_group, 'other') AS deduct_group,
               CASE
                   WHEN cs.items = 0 THEN 'blank'
                   WHEN rc.limit_days IS NULL AND rc.limit_months IS NULL THEN 'static'
                   WHEN cs.newest_date IS NULL THEN 'stale'
                   WHEN rc.limit_days IS NOT NULL AND cs.newest_date + rc.limit_days < cs.cutoff THEN 'stale'
                   WHEN rc.limit_months IS NOT NULL AND gk.add_months(cs.newest_date, rc.limit_months) < cs.cutoff THEN 'stale'
                   ELSE 'fresh'
               END AS seen_status
        FROM cs LEFT JOIN rule_classes rc ON rc.version = cs.ver AND rc.category = cs.category
    ) s JOIN pu ON pu.pid = s.pid AND pu.unit_id = s.unit_id
),
fs AS (
    SELECT pu.pid, pu.unit_id,
           coalesce(n.columns, 0) AS columns, coalesce(n.blank, 0) AS blank,
           coalesce(n.stale_key_group, 0) AS stale_key_group, coalesce(n.stale_other, 0) AS stale_other,
           coalesce(n.stale_dynamic_group, 0) AS stale_dynamic_group,
           coalesce(n.unverified, 0) AS unverified, coalesce(n.coverage_complete, true) AS coverage_complete
    FROM pu LEFT JOIN (
        SELECT pid, unit_id, count(*) AS columns,
               count(*) FILTER (WHERE status = 'unverified') AS unverified,
               bool_and(coverage_ok) AS coverage_complete,
               count(*) FILTER (WHERE status = 'blank') AS blank,
               count(*) FILTER (WHERE status = 'stale' AND deduct_group = 'dynamic') AS stale_dynamic_group,
               count(*) FILTER (WHERE status = 'stale' AND deduct_group = 'key') AS stale_key_group,
               count(*) FILTER (WHERE status = 'stale' AND deduct_group = 'other') AS stale_other
        FROM cols GROUP BY pid, unit_id
    ) n ON n.pid = pu.pid AND n.unit_id = pu.unit_id
),
-- gk.interpretation_links: a 政策文件 is linked when a stored link joins it
-- with a 政策解读 item of the unit, either way.
interp AS (SELECT pid, unit_id, canonical_url FROM known WHERE category = '政策解读'),
linked AS (
    SELECT interp.pid, l.unit_id, l.from_url AS policy
    FROM item_links l JOIN interp ON interp.unit_id = l.unit_id AND interp.canonical_url = l.to_url
    UNION
    SELECT interp.pid, l.unit_id, l.to_url AS policy
    FROM item_links l JOIN interp ON interp.unit_id = l.unit_id AND interp.canonical_url = l.from_url
),
il AS (
    SELECT pu.pid, pu.unit_id,
           CASE WHEN n.policies > 0 THEN n.linked / n.policies END AS rate
    FROM pu LEFT JOIN (
        SELECT pol.pid, pol.unit_id, count(*) AS policies,
               count(*) FILTER (WHERE linked.policy IS NOT NULL) AS linked
        FROM pub pol
        LEFT JOIN linked ON linked.pid = pol.pid AND linked.unit_id = pol.unit_id AND linked.policy = pol.canonical_url
        WHERE pol.category = '政策文件'
        GROUP BY pol.pid, pol.unit_id
    ) n ON n.pid = pu.pid AND n.unit_id = pu.unit_id
),
-- gk.letters_summary: gk.letters(cd) and gk.letter_rows per period.
lobs AS (
    SELECT * FROM (
        SELECT p.pid, o.unit_id, o.mailbox_id, o.letter_key, o.run_id, o.status, o.replied_date,
               row_number() OVER (PARTITION BY p.pid, o.unit_id, o.mailbox_id, o.letter_key ORDER BY r.cutoff DESC, o.run_id DESC) AS n
        FROM letter_observations o JOIN runs r ON r.run_id = o.run_id JOIN p ON r.cutoff <= p.cd
    ) WHERE n = 1
),
lrows AS (
    SELECT p.pid, l.unit_id, l.type, l.received_date, p.cd,
           CASE WHEN o.run_id IS NULL THEN l.status ELSE o.status END = 'replied' AS replied,
           CASE WHEN o.run_id IS NULL THEN l.replied_date ELSE o.replied_date END AS replied_date,
           CAST(coalesce(d.working_days, dflt.default_days) AS INTEGER) AS deadline_days
    FROM letters l
    JOIN runs fr ON fr.run_id = l.first_seen_run
    JOIN p ON fr.cutoff <= p.cd
    LEFT JOIN lobs o ON o.pid = p.pid AND o.unit_id = l.unit_id AND o.mailbox_id = l.mailbox_id AND o.letter_key = l.letter_key
    JOIN (SELECT p.pid, CAST(v.num AS INTEGER) AS default_days
          FROM rule_values v JOIN p ON v.version = p.ver WHERE v.key = 'letters.default_deadline') dflt ON dflt.pid = p.pid
    LEFT JOIN rule_deadlines d ON d.version = p.ver AND d.letter_type = l.type
    WHERE l.received_date BETWEEN p.f AND p.t
),
ldl AS (
    SELECT l.*, dd.day AS deadline,
           CASE WHEN l.replied THEN CAST(cp.workday_no - cr.workday_no AS INTEGER) END AS reply_days
    FROM lrows l
    LEFT JOIN calendar cr ON cr.day = l.received_date
    LEFT JOIN calendar cp ON cp.day = l.replied_date
    LEFT JOIN calendar dd ON dd.is_workday AND dd.workday_no = cr.workday_no + l.deadline_days
),
ls AS (
    SELECT pu.pid, pu.unit_id,
           coalesce(n.received, 0) AS received, coalesce(n.due, 0) AS due,
           CASE WHEN n.received > 0 THEN n.replied / n.received END AS reply_rate,
           CASE WHEN n.due > 0 THEN n.on_time / n.due END AS on_time_rate,
           n.mean_reply_days
    FROM pu LEFT JOIN (
        SELECT pid, unit_id, count(*) AS received,
               count(*) FILTER (WHERE replied) AS replied,
               count(*) FILTER (WHERE due) AS due,
               count(*) FILTER (WHERE due AND on_time) AS on_time,
               avg(CAST(reply_days AS DOUBLE)) AS mean_reply_days
        FROM (
            SELECT pid, unit_id, replied, reply_days, deadline < cd AS due,
                   CASE WHEN replied AND reply_days <= deadline_days THEN true
                        WHEN deadline < cd THEN false END AS on_time
            FROM ldl
            WHERE gk.wd_year_ok(received_date) AND gk.wd_year_ok(deadline) AND gk.wd_year_ok(replied_date)
        ) GROUP BY pid, unit_id
    ) n ON n.pid = pu.pid AND n.unit_id = pu.unit_id
),
-- gk.points from here on.
parts AS (
    SELECT w.pid, u.unit_id,
           ps.completion_scored * w.wp AS publish_points,
           tl.rate * w.wt AS timeliness_points,
           CASE WHEN fs.columns > 0 THEN
               CASE WHEN fs.stale_dynamic_group > 0 THEN w.d_dyn ELSE 0 END
               + w.d_key * fs.stale_key_group + w.d_other * fs.stale_other + w.d_blank * fs.blank
           END AS maintenance_deduction,
           il.rate * w.wi AS interpretation_points,
           CASE WHEN ls.received > 0 THEN
               ls.reply_rate * w.i_reply + coalesce(ls.on_time_rate * w.i_on_time, 0)
               + CASE WHEN ls.mean_reply_days IS NULL THEN 0
                      WHEN ls.mean_reply_days <= w.fast THEN w.i_speed
                      WHEN ls.mean_reply_days >= w.slow THEN 0
                      ELSE w.i_speed * (w.slow - ls.mean_reply_days) / (w.slow - w.fast) END
           END AS interaction_points,
           CASE WHEN ls.received > 0 THEN
               w.i_reply + w.i_speed + CASE WHEN ls.due > 0 THEN w.i_on_time ELSE 0 END
           END AS interaction_max,
           w.wp, w.wt, w.wm, w.wi,
           NOT fs.coverage_complete AND coalesce(ps.completion_scored, 0) < 1 AS publish_pending,
           NOT fs.coverage_complete AS timeliness_pending,
           fs.unverified > 0 AS maintenance_pending,
           NOT fs.coverage_complete AS interpretation_pending,
           mc.mailboxes_failed > 0 AS interaction_pending
    FROM units u CROSS JOIN w
    JOIN mc ON mc.pid = w.pid AND mc.unit_id = u.unit_id
    JOIN ps ON ps.pid = w.pid AND ps.unit_id = u.unit_id
    JOIN tl ON tl.pid = w.pid AND tl.unit_id = u.unit_id
    JOIN fs ON fs.pid = w.pid AND fs.unit_id = u.unit_id
    JOIN il ON il.pid = w.pid AND il.unit_id = u.unit_id
    JOIN ls ON ls.pid = w.pid AND ls.unit_id = u.unit_id
),
sums AS (
    SELECT parts.*,
           CASE WHEN maintenance_deduction IS NOT NULL THEN greatest(wm - maintenance_deduction, 0) END AS maintenance_points,
           CASE WHEN publish_points IS NOT NULL THEN wp ELSE 0 END
           + CASE WHEN timeliness_points IS NOT NULL THEN wt ELSE 0 END
           + CASE WHEN maintenance_deduction IS NOT NULL THEN wm ELSE 0 END
           + CASE WHEN interpretation_points IS NOT NULL THEN wi ELSE 0 END
           + coalesce(interaction_max, 0) AS max_points
    FROM parts
),
totals AS (
    SELECT sums.*,
           coalesce(publish_points, 0) + coalesce(timeliness_points, 0) + coalesce(maintenance_points, 0)
           + coalesce(interpretation_points, 0) + coalesce(interaction_points, 0) AS raw_points
    FROM sums
)
SELECT pid, unit_id,
       CASE WHEN NOT publish_pending THEN publish_points END AS publish_points,
       CASE WHEN NOT timeliness_pending THEN timeliness_points END AS timeliness_points,
       CASE WHEN NOT maintenance_pending THEN maintenance_points END AS maintenance_points,
       CASE WHEN NOT interpretation_pending THEN interpretation_points END AS interpretation_points,
       CASE WHEN NOT interaction_pending THEN interaction_points END AS interaction_points,
       CASE WHEN NOT maintenance_pending THEN maintenance_deduction END AS maintenance_deduction,
       max_points, raw_points,
       CASE WHEN max_points > 0 AND NOT (publish_pending OR timeliness_pending OR maintenance_pending
                                         OR interpretation_pending OR interaction_pending)
            THEN round(raw_points * 100 / max_points, 2) END AS total,
       gk.pending_parts(publish_pending, timeliness_pending, maintenance_pending, interpretation_pending, interaction_pending) AS pending_parts
FROM totals;


-- The points of each part, the points available and the total of one
-- period: all a previous or last-year period needs (no grades or ranks).
-- (Its parameters are named apart from gk.points_of's columns.)
CREATE OR REPLACE MACRO gk.points(pt_f, pt_t, pt_as_of, pt_ver) AS TABLE
SELECT * EXCLUDE (pid)
FROM gk.points_of([{'pid': 'one', 'f': CAST(pt_f AS DATE), 't': CAST(pt_t AS DATE), 'cd': CAST(pt_as_of AS DATE), 'ver': CAST(pt_ver AS VARCHAR)}]);

-- The points of the current, previous and last-year periods in one pass,
-- pid cur, prev, ly: a previous or last-year period only when a run after
-- it exists by the cutoff (gk.has_run).
CREATE OR REPLACE MACRO gk.points_set(period_from, period_to, cutoff) AS TABLE
SELECT * FROM gk.points_of((
    WITH sp AS (
        SELECT CAST(period_from AS DATE) AS f, CAST(period_to AS DATE) AS t,
               gk.cutoff(period_to, cutoff) AS cd, gk.rule_version(period_from) AS ver
    ),
    ps AS (
        SELECT 1 AS k, 'cur' AS pid, f, t, cd, ver FROM sp
        UNION ALL
        SELECT 2, 'prev', gk.prev_from(f, t), gk.prev_to(f, t), gk.cutoff(gk.prev_to(f, t), NULL), gk.rule_version(gk.prev_from(f, t))
        FROM sp WHERE gk.has_run(gk.prev_to(f, t), cd)
        UNION ALL
        SELECT 3, 'ly', gk.last_year_from(f, t), gk.last_year_to(f, t), gk.cutoff(gk.last_year_to(f, t), NULL), gk.rule_version(gk.last_year_from(f, t))
        FROM sp WHERE gk.has_run(gk.last_year_to(f, t), cd)
    )
    SELECT list({'pid': pid, 'f': f, 't': t, 'cd': cd, 'ver': CAST(ver AS VARCHAR)} ORDER BY k) FROM ps
));

-- The scorecard of one period: points, grade (不合格 when a veto fired),
-- vetoes and ranks.
CREATE OR REPLACE MACRO gk.score(f, t, as_of, ver) AS TABLE
WITH sc_p AS MATERIALIZED (SELECT CAST(f AS DATE) AS sc_f, CAST(t AS DATE) AS sc_t, CAST(as_of AS DATE) AS sc_cd, ver AS sc_v),
g AS MATERIALIZED (
    SELECT max(v.text) FILTER (WHERE v.key = 'score.fail_grade') AS fail_grade,
           any_value(sc_p.sc_v) AS sc_version, any_value(sc_p.sc_cd) AS sc_cutoff
    FROM rule_values v JOIN sc_p ON v.version = sc_p.sc_v
),
vt AS MATERIALIZED (
    SELECT unit_id, count(*) FILTER (WHERE fired) AS veto_count,
           coalesce(string_agg(veto, '、' ORDER BY veto_no) FILTER (WHERE fired), '') AS vetoes,
           count(*) FILTER (WHERE undetermined) AS undetermined_count,
           string_agg(veto || '(' || pending || ')', '、' ORDER BY veto_no) FILTER (WHERE undetermined) AS pending_vetoes
    FROM gk.vetoes((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p))
    GROUP BY unit_id
),
graded AS MATERIALIZED (
    SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, pt.* EXCLUDE (unit_id, interaction_points, total, raw_points), g.*,
           gk.net(pt.interaction_points, sw.opinion_deduction) AS interaction_points,
           gk.switch_total(pt.total, pt.raw_points, pt.max_points, pt.interaction_points,
                           gk.net(pt.interaction_points, sw.opinion_deduction), sw.annual_deduction, sw.annual_deduction_pending) AS total,
           pt.raw_points - coalesce(pt.interaction_points - gk.net(pt.interaction_points, sw.opinion_deduction), 0) AS raw_points,
           vt.veto_count + coalesce(len(string_split(sw.annual_vetoes, '、')), 0) AS veto_count,
           coalesce(nullif(concat_ws('、', nullif(vt.vetoes, ''), sw.annual_vetoes), ''), '') AS vetoes,
           vt.undetermined_count, sw.annual_pending AS switch_pending,
           nullif(concat_ws('、', vt.pending_vetoes, sw.annual_pending), '') AS pending_vetoes,
           cov.complete AS coverage_complete
    FROM gk.units((SELECT sc_v FROM sc_p)) u CROSS JOIN g
    JOIN gk.points((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p)) pt ON pt.unit_id = u.unit_id
    JOIN vt ON vt.unit_id = u.unit_id
    JOIN gk.coverage((SELECT sc_cd FROM sc_p)) cov ON cov.unit_id = u.unit_id
    JOIN gk.switch_points((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p)) sw ON sw.unit_id = u.unit_id
)
SELECT unit_id, unit_name, kind, kind_group,
       publish_points, timeliness_points, maintenance_points, interpretation_points, interaction_points,
       maintenance_deduction, max_points, raw_points, total,
       CASE WHEN veto_count > 0 THEN fail_grade
            WHEN undetermined_count > 0 OR pending_parts IS NOT NULL OR switch_pending IS NOT NULL THEN '待核实'
            WHEN total IS NULL THEN NULL
            ELSE coalesce((SELECT arg_max(gr.grade, gr.min) FROM rule_grades gr WHERE gr.version = graded.sc_version AND gr.min <= graded.total), fail_grade)
       END AS grade,
       vetoes, veto_count,
       CASE WHEN total IS NOT NULL THEN rank() OVER (PARTITION BY kind_group, total IS NULL ORDER BY total DESC) END AS rank_in_group,
       CASE WHEN total IS NOT NULL THEN rank() OVER (PARTITION BY total IS NULL ORDER BY total DESC) END AS rank_overall,
       coverage_complete, sc_cutoff AS cutoff, sc_version AS rule_version,
       gk.pending(veto_count, pending_parts, pending_vetoes) AS pending
FROM graded;

CREATE OR REPLACE MACRO scorecard(period_from, period_to, cutoff := NULL) AS TABLE
WITH pts AS MATERIALIZED (SELECT * FROM gk.points_set(period_from, period_to, cutoff)),
sc_p AS MATERIALIZED (
    SELECT CAST(period_from AS DATE) AS sc_f, CAST(period_to AS DATE) AS sc_t,
           gk.cutoff(period_to, cutoff) AS sc_cd, gk.rule_version(period_from) AS sc_v
),
g AS MATERIALIZED (
    SELECT max(v.text) FILTER (WHERE v.key = 'score.fail_grade') AS fail_grade,
           any_value(sc_p.sc_v) AS sc_version, any_value(sc_p.sc_cd) AS sc_cutoff
    FROM rule_values v JOIN sc_p ON v.version = sc_p.sc_v
),
vt AS MATERIALIZED (
    SELECT unit_id, count(*) FILTER (WHERE fired) AS veto_count,
           coalesce(string_agg(veto, '、' ORDER BY veto_no) FILTER (WHERE fired), '') AS vetoes,
           count(*) FILTER (WHERE undetermined) AS undetermined_count,
           string_agg(veto || '(' || pending || ')', '、' ORDER BY veto_no) FILTER (WHERE undetermined) AS pending_vetoes
    FROM gk.vetoes((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p))
    GROUP BY unit_id
),
graded AS MATERIALIZED (
    SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, pt.* EXCLUDE (pid, unit_id, interaction_points, total, raw_points), g.*,
           gk.net(pt.interaction_points, sw.opinion_deduction) AS interaction_points,
           gk.switch_total(pt.total, pt.raw_points, pt.max_points, pt.interaction_points,
                           gk.net(pt.interaction_points, sw.opinion_deduction), sw.annual_deduction, sw.annual_deduction_pending) AS total,
           pt.raw_points - coalesce(pt.interaction_points - gk.net(pt.interaction_points, sw.opinion_deduction), 0) AS raw_points,
           vt.veto_count + coalesce(len(string_split(sw.annual_vetoes, '、')), 0) AS veto_count,
           coalesce(nullif(concat_ws('、', nullif(vt.vetoes, ''), sw.annual_vetoes), ''), '') AS vetoes,
           vt.undetermined_count, sw.annual_pending AS switch_pending,
           nullif(concat_ws('、', vt.pending_vetoes, sw.annual_pending), '') AS pending_vetoes,
           cov.complete AS coverage_complete
    FROM gk.units((SELECT sc_v FROM sc_p)) u CROSS JOIN g
    JOIN pts pt ON pt.pid = 'cur' AND pt.unit_id = u.unit_id
    JOIN vt ON vt.unit_id = u.unit_id
    JOIN gk.coverage((SELECT sc_cd FROM sc_p)) cov ON cov.unit_id = u.unit_id
    JOIN gk.switch_points((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p)) sw ON sw.unit_id = u.unit_id
),
cur AS (
    SELECT unit_id, unit_name, kind, kind_group,
           publish_points, timeliness_points, maintenance_points, interpretation_points, interaction_points,
           maintenance_deduction, max_points, raw_points, total,
           CASE WHEN veto_count > 0 THEN fail_grade
                WHEN undetermined_count > 0 OR pending_parts IS NOT NULL OR switch_pending IS NOT NULL THEN '待核实'
                WHEN total IS NULL THEN NULL
                ELSE coalesce((SELECT arg_max(gr.grade, gr.min) FROM rule_grades gr WHERE gr.version = graded.sc_version AND gr.min <= graded.total), fail_grade)
           END AS grade,
           vetoes, veto_count,
           CASE WHEN total IS NOT NULL THEN rank() OVER (PARTITION BY kind_group, total IS NULL ORDER BY total DESC) END AS rank_in_group,
           CASE WHEN total IS NOT NULL THEN rank() OVER (PARTITION BY total IS NULL ORDER BY total DESC) END AS rank_overall,
           coverage_complete, sc_cutoff AS cutoff, sc_version AS rule_version,
           gk.pending(veto_count, pending_parts, pending_vetoes) AS pending
    FROM graded
),
prev AS (SELECT unit_id, total FROM pts WHERE pid = 'prev'),
ly AS (SELECT unit_id, total FROM pts WHERE pid = 'ly')
-- Rounded for output only; totals, grades and ranks use the exact points.
SELECT cur.* EXCLUDE (coverage_complete, cutoff, rule_version, pending)
             REPLACE (round(publish_points, 2) AS publish_points, round(timeliness_points, 2) AS timeliness_points,
                      round(maintenance_points, 2) AS maintenance_points, round(interpretation_points, 2) AS interpretation_points,
                      round(interaction_points, 2) AS interaction_points, round(maintenance_deduction, 2) AS maintenance_deduction,
                      round(raw_points, 2) AS raw_points),
       prev.total AS previous_total, round(cur.total - prev.total, 2) AS change,
       ly.total AS last_year_total, round(cur.total - ly.total, 2) AS yoy_change,
       cur.coverage_complete, cur.cutoff, cur.rule_version, cur.pending
FROM cur
LEFT JOIN prev ON prev.unit_id = cur.unit_id
LEFT JOIN ly ON ly.unit_id = cur.unit_id
ORDER BY cur.kind_group, cur.rank_in_group NULLS LAST, cur.unit_id;
