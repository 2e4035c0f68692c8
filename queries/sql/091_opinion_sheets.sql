-- The 政务舆情 sheets of the scorecard, row for row (see 071_sheets.sql; this file follows the macros it reads, which must exist when it is installed);
-- every figure comes from the macros of 090_opinion.sql.

-- 舆情: letters per month and topic over the whole area.
CREATE OR REPLACE MACRO sheet_topic_months(period_from, period_to, cutoff := NULL) AS TABLE
SELECT month, topic, letters FROM topic_months(period_from, period_to, cutoff := cutoff)
ORDER BY month, topic;

-- 舆情突增: each surge with whether and how the unit answered it, and the
-- titles of the letters that made it.
CREATE OR REPLACE MACRO sheet_surges(period_from, period_to, cutoff := NULL) AS TABLE
SELECT s.unit_id, s.unit_name, u.kind, u.kind_group, s.topic, strftime(s.month, '%Y-%m') AS month, s.letters,
       s.answered, s.answer_title, s.answer_date, s.answer_url,
       array_to_string(t.titles, '；') AS titles
FROM surge_responses(period_from, period_to, cutoff := cutoff) s
JOIN topic_surges(period_from, period_to, cutoff := cutoff) t USING (unit_id, topic, month)
JOIN units u ON u.unit_id = s.unit_id
ORDER BY s.month, (u.kind_group = '部门') DESC, u.kind_group, s.unit_name, s.unit_id, s.topic;

-- 重复来信: repeat_letters, unresolved first, with the titles and letter
-- numbers as text.
CREATE OR REPLACE MACRO sheet_repeats(period_from, period_to, cutoff := NULL) AS TABLE
SELECT r.*, u.kind, u.kind_group, array_to_string(r.titles, '；') AS title_list,
       array_to_string(r.letter_nos, '、') AS letter_list
FROM repeat_letters(period_from, period_to, cutoff := cutoff) r JOIN units u USING (unit_id)
ORDER BY r.closed, (u.kind_group = '部门') DESC, u.kind_group, r.unit_name, r.unit_id, r.first_date;

-- 敷衍答复: per unit, the boilerplate replies by kind and the most copied one.
CREATE OR REPLACE MACRO sheet_boilerplate(period_from, period_to, cutoff := NULL) AS TABLE
SELECT b.unit_id, b.unit_name, u.kind, u.kind_group, count(*) AS boilerplate,
       count(*) FILTER (WHERE b.short) AS short, count(*) FILTER (WHERE b.forward_only) AS forward_only,
       count(*) FILTER (WHERE b.template) AS template,
       arg_max(b.reply, b.similar_replies) AS example
FROM boilerplate_replies(period_from, period_to, cutoff := cutoff) b JOIN units u USING (unit_id)
GROUP BY b.unit_id, b.unit_name, u.kind, u.kind_group
ORDER BY boilerplate DESC, (u.kind_group = '部门') DESC, u.kind_group, b.unit_name, b.unit_id;
