-- 考核得分: 100 points per unit for the period, by the rule set of the
-- period's year. A part with no denominator is NULL and the total is
-- rescaled over the parts that remain; a fired veto makes the grade
-- 不合格 whatever the total.

-- The points of each part, the points available and the total: all a
-- previous or last-year period needs (no vetoes, grades or ranks).
CREATE OR REPLACE MACRO gk_points(f, t, as_of, ver) AS TABLE
WITH gp_p AS MATERIALIZED (SELECT CAST(f AS DATE) AS gp_f, CAST(t AS DATE) AS gp_t, CAST(as_of AS DATE) AS gp_cd, ver AS gp_v),
w AS MATERIALIZED (
    SELECT max(v.num) FILTER (WHERE v.key = 'score.weight.publish') AS wp,
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
    FROM rule_values v JOIN gp_p ON v.version = gp_p.gp_v
),
parts AS MATERIALIZED (
    SELECT u.unit_id,
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
           -- Within 互动回应 the on-time part counts only when a letter is due.
           CASE WHEN ls.received > 0 THEN
               w.i_reply + w.i_speed + CASE WHEN ls.due > 0 THEN w.i_on_time ELSE 0 END
           END AS interaction_max,
           w.wp, w.wt, w.wm, w.wi
    FROM units u CROSS JOIN w
    JOIN gk_publish_summary((SELECT gp_f FROM gp_p), (SELECT gp_t FROM gp_p), (SELECT gp_cd FROM gp_p), (SELECT gp_v FROM gp_p)) ps ON ps.unit_id = u.unit_id
    JOIN gk_timeliness((SELECT gp_f FROM gp_p), (SELECT gp_t FROM gp_p), (SELECT gp_cd FROM gp_p), (SELECT gp_v FROM gp_p)) tl ON tl.unit_id = u.unit_id
    JOIN gk_freshness_summary((SELECT gp_cd FROM gp_p), (SELECT gp_v FROM gp_p)) fs ON fs.unit_id = u.unit_id
    JOIN gk_interpretation_links((SELECT gp_f FROM gp_p), (SELECT gp_t FROM gp_p), (SELECT gp_cd FROM gp_p), (SELECT gp_v FROM gp_p)) il ON il.unit_id = u.unit_id
    JOIN gk_letters_summary((SELECT gp_f FROM gp_p), (SELECT gp_t FROM gp_p), (SELECT gp_cd FROM gp_p), (SELECT gp_v FROM gp_p)) ls ON ls.unit_id = u.unit_id
),
sums AS MATERIALIZED (
    SELECT parts.*,
           CASE WHEN maintenance_deduction IS NOT NULL THEN greatest(wm - maintenance_deduction, 0) END AS maintenance_points,
           CASE WHEN publish_points IS NOT NULL THEN wp ELSE 0 END
           + CASE WHEN timeliness_points IS NOT NULL THEN wt ELSE 0 END
           + CASE WHEN maintenance_deduction IS NOT NULL THEN wm ELSE 0 END
           + CASE WHEN interpretation_points IS NOT NULL THEN wi ELSE 0 END
           + coalesce(interaction_max, 0) AS max_points
    FROM parts
),
totals AS MATERIALIZED (
    SELECT sums.*,
           coalesce(publish_points, 0) + coalesce(timeliness_points, 0) + coalesce(maintenance_points, 0)
           + coalesce(interpretation_points, 0) + coalesce(interaction_points, 0) AS raw_points
    FROM sums
)
SELECT unit_id, publish_points, timeliness_points, maintenance_points, interpretation_points, interaction_points,
       maintenance_deduction, max_points, raw_points,
       CASE WHEN max_points > 0 THEN round(raw_points * 100 / max_points, 2) END AS total
FROM totals;

-- The scorecard of one period: points, grade (不合格 when a veto fired),
-- vetoes and ranks.
CREATE OR REPLACE MACRO gk_score(f, t, as_of, ver) AS TABLE
WITH sc_p AS MATERIALIZED (SELECT CAST(f AS DATE) AS sc_f, CAST(t AS DATE) AS sc_t, CAST(as_of AS DATE) AS sc_cd, ver AS sc_v),
g AS MATERIALIZED (
    SELECT max(v.text) FILTER (WHERE v.key = 'score.fail_grade') AS fail_grade,
           any_value(sc_p.sc_v) AS sc_version, any_value(sc_p.sc_cd) AS sc_cutoff
    FROM rule_values v JOIN sc_p ON v.version = sc_p.sc_v
),
vt AS MATERIALIZED (
    SELECT unit_id, count(*) FILTER (WHERE fired) AS veto_count,
           coalesce(string_agg(veto, '、' ORDER BY veto_no) FILTER (WHERE fired), '') AS vetoes
    FROM gk_vetoes((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p))
    GROUP BY unit_id
),
graded AS MATERIALIZED (
    SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, pt.* EXCLUDE (unit_id), g.*,
           vt.veto_count, vt.vetoes, cov.complete AS coverage_complete
    FROM gk_units((SELECT sc_v FROM sc_p)) u CROSS JOIN g
    JOIN gk_points((SELECT sc_f FROM sc_p), (SELECT sc_t FROM sc_p), (SELECT sc_cd FROM sc_p), (SELECT sc_v FROM sc_p)) pt ON pt.unit_id = u.unit_id
    JOIN vt ON vt.unit_id = u.unit_id
    JOIN gk_coverage((SELECT sc_cd FROM sc_p)) cov ON cov.unit_id = u.unit_id
)
SELECT unit_id, unit_name, kind, kind_group,
       publish_points, timeliness_points, maintenance_points, interpretation_points, interaction_points,
       maintenance_deduction, max_points, raw_points, total,
       CASE WHEN veto_count > 0 THEN fail_grade
            WHEN total IS NULL THEN NULL
            ELSE coalesce((SELECT arg_max(gr.grade, gr.min) FROM rule_grades gr WHERE gr.version = graded.sc_version AND gr.min <= graded.total), fail_grade)
       END AS grade,
       vetoes, veto_count,
       CASE WHEN total IS NOT NULL THEN rank() OVER (PARTITION BY kind_group, total IS NULL ORDER BY total DESC) END AS rank_in_group,
       CASE WHEN total IS NOT NULL THEN rank() OVER (PARTITION BY total IS NULL ORDER BY total DESC) END AS rank_overall,
       coverage_complete, sc_cutoff AS cutoff, sc_version AS rule_version
FROM graded;

CREATE OR REPLACE MACRO scorecard(period_from, period_to, cutoff := NULL) AS TABLE
WITH cur AS (
    SELECT * FROM gk_score(period_from, period_to, gk_cutoff(period_to, cutoff), gk_rule_version(period_from))
),
prev AS MATERIALIZED (
    SELECT unit_id, total
    FROM gk_points(gk_prev_from(period_from, period_to), gk_prev_to(period_from, period_to),
                  gk_cutoff(gk_prev_to(period_from, period_to), NULL),
                  gk_rule_version(gk_prev_from(period_from, period_to)))
    WHERE gk_has_run(gk_prev_to(period_from, period_to), gk_cutoff(period_to, cutoff))
),
ly AS MATERIALIZED (
    SELECT unit_id, total
    FROM gk_points(gk_last_year_from(period_from, period_to), gk_last_year_to(period_from, period_to),
                  gk_cutoff(gk_last_year_to(period_from, period_to), NULL),
                  gk_rule_version(gk_last_year_from(period_from, period_to)))
    WHERE gk_has_run(gk_last_year_to(period_from, period_to), gk_cutoff(period_to, cutoff))
)
SELECT cur.* EXCLUDE (coverage_complete, cutoff, rule_version),
       prev.total AS previous_total, cur.total - prev.total AS change,
       ly.total AS last_year_total, cur.total - ly.total AS yoy_change,
       cur.coverage_complete, cur.cutoff, cur.rule_version
FROM cur
LEFT JOIN prev ON prev.unit_id = cur.unit_id
LEFT JOIN ly ON ly.unit_id = cur.unit_id
ORDER BY cur.kind_group, cur.rank_in_group NULLS LAST, cur.unit_id;
