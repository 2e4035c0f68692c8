-- 政务舆情 from the letters: topics, surges, repeated matters, boilerplate
-- replies and whether a surge was answered. Thresholds are opinion.* rules.

-- Letters received in [f, t] in their state at the cutoff, with their text
-- and main topic under the rule set's topic list. A reply counts only when
-- the letter is replied at the cutoff. gate false gives no letters: the
-- scorecard reads the 舆情 deductions through it only when a switch is on,
-- so the work behind them is not done for nothing.
CREATE OR REPLACE MACRO gk.op_letters(f, t, as_of, ver, gate := true) AS TABLE
SELECT l.unit_id, l.mailbox_id, l.letter_key, l.unit_id || '/' || l.mailbox_id || '/' || l.letter_key AS lid,
       coalesce(l.letter_no, l.letter_key) AS letter_no, l.title, l.url, l.received_date, l.status,
       x.content, CASE WHEN l.status = 'replied' THEN x.reply END AS reply,
       coalesce(h.topic, '其他') AS topic
FROM gk.letters(as_of, gate := gate) l
LEFT JOIN letter_texts x USING (unit_id, mailbox_id, letter_key)
LEFT JOIN letter_topic_hits h ON h.version = ver AND h.main AND h.unit_id = l.unit_id
     AND h.mailbox_id = l.mailbox_id AND h.letter_key = l.letter_key
WHERE l.received_date BETWEEN CAST(f AS DATE) AND CAST(t AS DATE) AND gate;

-- Text reduced to what compares: no spaces, punctuation or symbols.
CREATE OR REPLACE MACRO gk.op_norm(s) AS regexp_replace(coalesce(s, ''), '[\s\p{P}\p{S}]', '', 'g');

-- The set of character pairs of a normalized text (gk.op_norm):
-- near-duplicates share most. The text is normalized once by the caller;
-- normalizing inside the list would run the regular expression once per
-- character.
CREATE OR REPLACE MACRO gk.op_pairs(n) AS
    list_distinct([substr(n, i, 2) FOR i IN range(1, greatest(length(n), 1))]);

CREATE OR REPLACE MACRO gk.op_jaccard(a, b) AS
    CASE WHEN len(a) = 0 OR len(b) = 0 THEN 0.0
         ELSE len(list_intersect(a, b)) / len(list_distinct(list_concat(a, b))) END;

-- Letters per unit and topic in the period, their share of the unit's
-- letters, and the change against the previous period of the same length.
CREATE OR REPLACE MACRO letter_topics(period_from, period_to, cutoff := NULL) AS TABLE
WITH p AS (SELECT CAST(period_from AS DATE) AS f, CAST(period_to AS DATE) AS t,
                  gk.cutoff(period_to, cutoff) AS cd, gk.rule_version(period_from) AS v),
cur AS (SELECT unit_id, topic, count(*) AS letters
        FROM gk.op_letters((SELECT f FROM p), (SELECT t FROM p), (SELECT cd FROM p), (SELECT v FROM p)) GROUP BY ALL),
prev AS (SELECT unit_id, topic, count(*) AS letters
         FROM gk.op_letters((SELECT f - CAST(t - f + 1 AS INTEGER) FROM p), (SELECT f - 1 FROM p), (SELECT cd FROM p), (SELECT v FROM p))
         GROUP BY ALL)
SELECT u.unit_id, u.unit_name, c.topic, c.letters,
       c.letters / sum(c.letters) OVER (PARTITION BY c.unit_id) AS share,
       coalesce(pv.letters, 0) AS previous_letters,
       c.letters - coalesce(pv.letters, 0) AS change
FROM cur c
JOIN gk.units((SELECT v FROM p)) u ON u.unit_id = c.unit_id
LEFT JOIN prev pv ON pv.unit_id = c.unit_id AND pv.topic = c.topic
ORDER BY u.kind_group, u.unit_id, c.letters DESC, c.topic;
COMMENT ON MACRO TABLE letter_topics IS 'Per unit and main topic (rules opinion.topics, else 其他): letters received in the period, their share of the unit''s letters, the count in the period of the same length before, and the change. Arguments: period_from, period_to DATE; cutoff := DATE.';

-- Letters of the whole area per topic and month of the period.
CREATE OR REPLACE MACRO topic_months(period_from, period_to, cutoff := NULL) AS TABLE
SELECT CAST(date_trunc('month', received_date) AS DATE) AS month, topic, count(*) AS letters
FROM gk.op_letters(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from))
GROUP BY ALL ORDER BY month, letters DESC, topic;
COMMENT ON MACRO TABLE topic_months IS 'Letters of the whole area per month of the period and main topic. Arguments: period_from, period_to DATE; cutoff := DATE.';

-- A surge: a topic × unit × month of the period with at least
-- opinion.surge.min_letters letters and at least opinion.surge.factor × the
-- mean of the opinion.surge.baseline_months months before (其他 excluded).
CREATE OR REPLACE MACRO topic_surges(period_from, period_to, cutoff := NULL) AS TABLE
WITH p AS (SELECT CAST(period_from AS DATE) AS f, CAST(period_to AS DATE) AS t,
                  gk.cutoff(period_to, cutoff) AS cd, gk.rule_version(period_from) AS v),
r AS (SELECT gk.rule(v, 'opinion.surge.factor') AS factor, gk.rule(v, 'opinion.surge.min_letters') AS min_letters,
             CAST(gk.rule(v, 'opinion.surge.baseline_months') AS INTEGER) AS bm FROM p),
l AS (SELECT *, CAST(date_trunc('month', received_date) AS DATE) AS month
      FROM gk.op_letters((SELECT CAST(date_trunc('month', f) AS DATE) - to_months((SELECT bm FROM r)) FROM p),
                         (SELECT t FROM p), (SELECT cd FROM p), (SELECT v FROM p))
      WHERE topic <> '其他'),
m AS (SELECT unit_id, topic, month, count(*) AS letters,
             list(letter_no ORDER BY letter_no) AS letter_nos, list(title ORDER BY letter_no) AS titles
      FROM l GROUP BY ALL),
b AS (SELECT m.*, coalesce((SELECT sum(m2.letters) FROM m m2 WHERE m2.unit_id = m.unit_id AND m2.topic = m.topic
                             AND m2.month >= m.month - to_months((SELECT bm FROM r)) AND m2.month < m.month), 0)
                  / (SELECT bm FROM r) AS baseline
      FROM m)
SELECT u.unit_id, u.unit_name, b.topic, b.month, b.letters, b.baseline, b.letter_nos, b.titles
FROM b JOIN gk.units((SELECT v FROM p)) u ON u.unit_id = b.unit_id
WHERE b.month >= (SELECT CAST(date_trunc('month', f) AS DATE) FROM p)
  AND b.letters >= (SELECT min_letters FROM r) AND b.letters >= (SELECT factor FROM r) * b.baseline
ORDER BY b.month, u.unit_id, b.topic;
COMMENT ON MACRO TABLE topic_surges IS 'Unit × topic × month of the period whose letters reach the rules'' surge minimum and factor over the months before, with the letters (编号, 标题) behind it. Arguments: period_from, period_to DATE; cutoff := DATE.';

-- Replies of letters received in the period, each with why it says
-- nothing: shorter than opinion.boilerplate.short_chars; at most
-- forward_max_chars and carrying a forward word; or near-identical
-- (character-pair Jaccard ≥ similarity) to at least similar_min other
-- replies of the unit among all its replies at the cutoff.
CREATE OR REPLACE MACRO gk.op_replies(f, t, as_of, ver, gate := true) AS TABLE
WITH r AS (SELECT gk.rule(ver, 'opinion.boilerplate.short_chars') AS short_chars,
                  gk.rule(ver, 'opinion.boilerplate.forward_max_chars') AS fmax,
                  gk.rule(ver, 'opinion.boilerplate.similarity') AS sim,
                  gk.rule(ver, 'opinion.boilerplate.similar_min') AS smin),
fw AS (SELECT word FROM rule_words WHERE version = ver AND kind = 'forward'),
alln AS MATERIALIZED (SELECT *, gk.op_norm(reply) AS nr FROM gk.op_letters(DATE '1900-01-01', as_of, as_of, ver, gate := gate) WHERE reply IS NOT NULL),
allr AS MATERIALIZED (SELECT * EXCLUDE (nr), length(nr) AS nr_chars, gk.op_pairs(nr) AS pairs FROM alln),
sims AS (SELECT a.lid, count(*) AS similar
         FROM allr a JOIN allr b ON a.unit_id = b.unit_id AND a.lid <> b.lid
         WHERE gk.op_jaccard(a.pairs, b.pairs) >= (SELECT sim FROM r)
         GROUP BY a.lid)
SELECT a.* EXCLUDE (pairs, nr_chars), a.nr_chars AS reply_chars,
       a.nr_chars < (SELECT short_chars FROM r) AS short,
       a.nr_chars <= (SELECT fmax FROM r)
           AND EXISTS (SELECT 1 FROM fw WHERE contains(a.reply, fw.word)) AS forward_only,
       coalesce(s.similar, 0) AS similar_replies,
       coalesce(s.similar, 0) >= (SELECT smin FROM r) AS template
FROM allr a LEFT JOIN sims s USING (lid)
WHERE a.received_date BETWEEN CAST(f AS DATE) AND CAST(t AS DATE);

CREATE OR REPLACE MACRO gk.boilerplate(f, t, as_of, ver, gate := true) AS TABLE
SELECT u.unit_id, u.unit_name, x.mailbox_id, x.letter_key, x.letter_no, x.title, x.url, x.received_date, x.topic,
       x.reply, x.reply_chars, x.short, x.forward_only, x.template, x.similar_replies, u.kind_group
FROM gk.op_replies(f, t, as_of, ver, gate := gate) x
JOIN gk.units(ver) u ON u.unit_id = x.unit_id
WHERE x.short OR x.forward_only OR x.template;

CREATE OR REPLACE MACRO boilerplate_replies(period_from, period_to, cutoff := NULL) AS TABLE
SELECT x.* EXCLUDE (kind_group)
FROM gk.boilerplate(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) x
ORDER BY x.kind_group, x.unit_id, x.received_date, x.letter_no;
COMMENT ON MACRO TABLE boilerplate_replies IS 'Replies at the cutoff to letters received in the period that are short, only say the letter was forwarded, or copy the unit''s other replies (template), with why. Arguments: period_from, period_to DATE; cutoff := DATE.';

-- Groups of letters to one unit about one matter: letters received in the
-- period within opinion.repeat.window_days of each other whose titles or
-- contents are alike (character-pair Jaccard ≥ opinion.repeat.similarity),
-- joined transitively. closed: the group's latest letter has a reply at
-- the cutoff that is not boilerplate.
CREATE OR REPLACE MACRO gk.repeats(f, t, as_of, ver, gate := true) AS TABLE
WITH p AS (SELECT as_of AS cd, ver AS v),
r AS (SELECT gk.rule(v, 'opinion.repeat.window_days') AS wd, gk.rule(v, 'opinion.repeat.similarity') AS sim FROM p),
ln AS MATERIALIZED (SELECT *, gk.op_norm(title) AS nt, gk.op_norm(content) AS nc
      FROM gk.op_letters(f, t, (SELECT cd FROM p), (SELECT v FROM p), gate := gate)),
l AS MATERIALIZED (SELECT * EXCLUDE (nt, nc), gk.op_pairs(nt) AS tp, gk.op_pairs(nc) AS cp FROM ln),
e AS (SELECT a.lid AS a, b.lid AS b
      FROM l a JOIN l b ON a.unit_id = b.unit_id AND a.lid < b.lid
       AND abs(b.received_date - a.received_date) <= (SELECT wd FROM r)
      WHERE greatest(gk.op_jaccard(a.tp, b.tp), gk.op_jaccard(a.cp, b.cp)) >= (SELECT sim FROM r)),
und AS (SELECT a, b FROM e UNION SELECT b, a FROM e),
reach AS (
    WITH RECURSIVE walk(s, n) AS (
        SELECT a, b FROM und
        UNION
        SELECT w.s, u.b FROM walk w JOIN und u ON u.a = w.n
    )
    SELECT s, least(s, min(n)) AS g FROM walk GROUP BY s
),
bp AS (SELECT lid, short OR forward_only OR template AS boiler
       FROM gk.op_replies(f, t, (SELECT cd FROM p), (SELECT v FROM p), gate := gate)),
g AS (SELECT reach.g, l.*, bp.boiler FROM reach JOIN l ON l.lid = reach.s LEFT JOIN bp ON bp.lid = l.lid)
SELECT u.unit_id, u.unit_name, min(g.letter_no) AS first_letter_no, count(*) AS letters,
       min(g.received_date) AS first_date, max(g.received_date) AS last_date,
       list(g.letter_no ORDER BY g.received_date, g.letter_no) AS letter_nos,
       list(g.title ORDER BY g.received_date, g.letter_no) AS titles,
       arg_max(g.reply IS NOT NULL AND NOT coalesce(g.boiler, false), g.received_date) AS closed,
       arg_max(g.topic, g.received_date) AS topic, u.kind_group
FROM g JOIN gk.units((SELECT v FROM p)) u ON u.unit_id = g.unit_id
GROUP BY u.kind_group, u.unit_id, u.unit_name, g.g;

CREATE OR REPLACE MACRO repeat_letters(period_from, period_to, cutoff := NULL) AS TABLE
SELECT x.* EXCLUDE (kind_group)
FROM gk.repeats(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) x
ORDER BY x.kind_group, x.unit_id, x.first_date, x.first_letter_no;
COMMENT ON MACRO TABLE repeat_letters IS 'Groups of similar letters to one unit received in the period within the rules'' window: count, first and last date, the letters, whether the latest has a real reply (closed). Arguments: period_from, period_to DATE; cutoff := DATE.';

-- Each surge of the period and whether the unit answered it: an item of an
-- opinion response category (政策解读, 通知公告) carrying one of the
-- topic's terms, published from the month's first day to
-- opinion.response.working_days working days after its last.
CREATE OR REPLACE MACRO surge_responses(period_from, period_to, cutoff := NULL) AS TABLE
WITH p AS (SELECT gk.cutoff(period_to, cutoff) AS cd, gk.rule_version(period_from) AS v),
s AS (SELECT *, gk.wd_add(CAST(month + INTERVAL 1 MONTH AS DATE) - 1,
                          CAST(gk.rule((SELECT v FROM p), 'opinion.response.working_days') AS INTEGER)) AS window_end
      FROM topic_surges(period_from, period_to, cutoff := (SELECT cd FROM p))),
a AS (SELECT s.unit_id, s.topic, s.month, i.title, i.url, i.publish_date
      FROM s JOIN gk.items((SELECT cd FROM p)) i ON i.unit_id = s.unit_id
       AND i.publish_date BETWEEN s.month AND s.window_end
       AND i.category IN (SELECT word FROM rule_words WHERE version = (SELECT v FROM p) AND kind = 'response_category')
      WHERE EXISTS (SELECT 1 FROM rule_topics t WHERE t.version = (SELECT v FROM p) AND t.topic = s.topic
                    AND contains(i.title, t.term)))
SELECT s.unit_id, s.unit_name, s.topic, s.month, s.letters, s.window_end,
       count(a.url) > 0 AS answered,
       arg_min(a.title, a.publish_date) AS answer_title, arg_min(a.url, a.publish_date) AS answer_url,
       min(a.publish_date) AS answer_date
FROM s LEFT JOIN a ON a.unit_id = s.unit_id AND a.topic = s.topic AND a.month = s.month
GROUP BY ALL
ORDER BY s.month, s.unit_id, s.topic;
COMMENT ON MACRO TABLE surge_responses IS 'Each surge of topic_surges and whether the unit answered it with a 政策解读 or 通知公告 carrying the topic''s terms in time, with the first such item. Arguments: period_from, period_to DATE; cutoff := DATE.';

-- Points off 互动回应 the rules ask for (opinion.deduct.*; 0, off, by
-- default): per boilerplate reply and per repeated matter still open, per
-- unit. The scorecard does not subtract them yet.
-- gate false skips the letters (the counts are then 0), for a caller that
-- needs only points_off and knows both switches are off.
CREATE OR REPLACE MACRO gk.op_deductions(f, t, as_of, ver, gate := true) AS TABLE
WITH p AS (SELECT ver AS v),
r AS (SELECT coalesce(gk.rule(v, 'opinion.deduct.boilerplate'), 0) AS per_bp,
             coalesce(gk.rule(v, 'opinion.deduct.unanswered_repeat'), 0) AS per_rep FROM p),
bp AS (SELECT unit_id, count(*) AS n FROM gk.boilerplate(f, t, as_of, ver, gate := gate) GROUP BY unit_id),
rp AS (SELECT unit_id, count(*) FILTER (WHERE NOT closed) AS n FROM gk.repeats(f, t, as_of, ver, gate := gate) GROUP BY unit_id)
SELECT u.unit_id, u.unit_name, coalesce(bp.n, 0) AS boilerplate_replies, coalesce(rp.n, 0) AS open_repeats,
       coalesce(bp.n, 0) * (SELECT per_bp FROM r) + coalesce(rp.n, 0) * (SELECT per_rep FROM r) AS points_off,
       u.kind_group
FROM gk.units((SELECT v FROM p)) u
LEFT JOIN bp ON bp.unit_id = u.unit_id LEFT JOIN rp ON rp.unit_id = u.unit_id;

CREATE OR REPLACE MACRO opinion_deductions(period_from, period_to, cutoff := NULL) AS TABLE
SELECT x.* EXCLUDE (kind_group)
FROM gk.op_deductions(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) x
ORDER BY x.kind_group, x.unit_id;
COMMENT ON MACRO TABLE opinion_deductions IS 'Per unit, the boilerplate replies and open repeated matters and the points the rules'' opinion.deduct.* take off 互动回应 (applied to the scorecard when the switches are on). Arguments: period_from, period_to DATE; cutoff := DATE.';

-- What the rules' switches take off or veto in the period, per unit (off
-- by default; 070_scorecard.sql declares this macro, the scorecard applies
-- it to the period it grades): the 年报 of the year before the period's
-- year as checked at the cutoff (annual_report_summary: points off the
-- total, vetoes, and switched-on findings that wait for sources) and the
-- 舆情 deductions off 互动回应 (opinion_deductions).
CREATE OR REPLACE MACRO gk.switch_points(f, t, as_of, ver) AS TABLE
SELECT u.unit_id,
       coalesce(a.deduction, 0) AS annual_deduction,
       coalesce(a.deduction_pending, false) AS annual_deduction_pending,
       a.vetoes AS annual_vetoes, a.pending AS annual_pending,
       coalesce(o.points_off, 0) AS opinion_deduction
FROM units u
LEFT JOIN annual_report_summary(year(CAST(f AS DATE)) - 1, cutoff := as_of) a ON a.unit_id = u.unit_id
-- The 舆情 letters are read only when a deduction is switched on.
LEFT JOIN gk.op_deductions(f, t, as_of, gk.rule_version(f),
                           gate := coalesce(gk.rule(gk.rule_version(f), 'opinion.deduct.boilerplate'), 0) <> 0
                                   OR coalesce(gk.rule(gk.rule_version(f), 'opinion.deduct.unanswered_repeat'), 0) <> 0) o ON o.unit_id = u.unit_id;
