CREATE SCHEMA IF NOT EXISTS gk;
-- Helpers shared by every metric: cutoff resolution, rule look-up, working
-- days, and the store "as of" a cutoff. Every helper lives in schema gk
-- (gk.name), apart from the public macros of schema main, so an analyst's
-- duckdb_functions() in main lists only what is meant to be queried.

-- The cutoff a metric uses: the given one, else the cutoff of the earliest
-- run after the period that may be a default cutoff (runs.default_cutoff:
-- complete, and not mostly failed), else the newest such run's cutoff,
-- else the newest run's. A cutoff before the first crawl has no data to
-- judge: it is an error, not a table of zeros.
CREATE OR REPLACE MACRO gk.cutoff(period_to, cutoff) AS CASE
    WHEN CAST(cutoff AS DATE) < (SELECT min(r.cutoff) FROM runs r) THEN
        error(printf('cutoff %s is before the first crawl (%s): there is no data as of that day; give a cutoff on or after it',
                     CAST(cutoff AS DATE), (SELECT min(r.cutoff) FROM runs r)))
    ELSE COALESCE(
        CAST(cutoff AS DATE),
        (SELECT min(r.cutoff) FROM runs r WHERE r.default_cutoff AND r.cutoff > CAST(period_to AS DATE)),
        (SELECT max(r.cutoff) FROM runs r WHERE r.default_cutoff),
        (SELECT max(r.cutoff) FROM runs r)) END;

-- The end of a period as scored: the period's end, or the cutoff when the
-- period runs past it (months after the data are not judged).
CREATE OR REPLACE MACRO gk.scored_to(period_to, as_of) AS least(CAST(period_to AS DATE), CAST(as_of AS DATE));

-- Whether a verdict is evidence a judgement may rest on (domain.Verified).
CREATE OR REPLACE MACRO gk.verified(verdict) AS coalesce(verdict IN ('complete', 'empty'), false);

-- The rule set of the year of period_from, else the newest one.
CREATE OR REPLACE MACRO gk.rule_version(period_from) AS COALESCE(
    (SELECT max(s.version) FROM rule_sets s WHERE s.year = year(CAST(period_from AS DATE))),
    (SELECT s.version FROM rule_sets s ORDER BY s.year DESC, s.installed_at DESC, s.version DESC LIMIT 1));

-- A numeric rule (rule_values.num) of a rule set.
CREATE OR REPLACE MACRO gk.rule(ver, rule_key) AS
    (SELECT v.num FROM rule_values v WHERE v.version = ver AND v.key = rule_key);

-- True when day d (or NULL) lies in a year whose holidays are known
-- (calendar_years.official); otherwise an error naming the year and the
-- setting that fixes it: a working-day span there would be a
-- weekends-only guess. Used as a filter, so it is always evaluated.
CREATE OR REPLACE MACRO gk.wd_year_ok(d) AS CASE
    WHEN d IS NULL THEN true
    WHEN coalesce((SELECT cy.official FROM calendar_years cy WHERE cy.year = year(CAST(d AS DATE))), false) THEN true
    ELSE CAST(error(printf('working days in %d: no official holiday schedule for %d is known (the built-in State Council schedules end with %d); '
                           || 'add that year''s holidays and make-up working days under calendar.overrides in the config, '
                           || 'e.g. {date: %d-01-01, workday: false, note: 元旦}',
                           year(CAST(d AS DATE)), year(CAST(d AS DATE)),
                           (SELECT max(cy.year) FROM calendar_years cy WHERE cy.source = 'state_council'),
                           year(CAST(d AS DATE)))) AS BOOLEAN) END;

-- Working days strictly after day a up to and including day b.
CREATE OR REPLACE MACRO gk.wd(a, b) AS CASE WHEN gk.wd_year_ok(a) AND gk.wd_year_ok(b) THEN
    (SELECT cb.workday_no FROM calendar cb WHERE cb.day = CAST(b AS DATE))
  - (SELECT ca.workday_no FROM calendar ca WHERE ca.day = CAST(a AS DATE)) END;

-- The n-th working day after day a: a letter received on a with n working
-- days to answer is due that day. Only the two ends are checked (the years
-- with a schedule are contiguous): a check inside the scan would run on
-- every day of the calendar, wherever the optimizer puts it.
CREATE OR REPLACE MACRO gk.wd_add(a, n) AS CASE WHEN gk.wd_year_ok(a) THEN
    (SELECT CASE WHEN gk.wd_year_ok(min(cd.day)) THEN min(cd.day) END FROM calendar cd
      WHERE cd.is_workday
        AND cd.workday_no = (SELECT ca.workday_no FROM calendar ca WHERE ca.day = CAST(a AS DATE)) + n) END;

-- Calendar months added the way DuckDB adds an interval: the day is
-- clamped to the month's end (2025-08-31 + 6 months = 2026-02-28).
CREATE OR REPLACE MACRO gk.add_months(d, n) AS CAST(CAST(d AS DATE) + to_months(CAST(n AS INTEGER)) AS DATE);

-- Each unit's as-of run: the newest run with cutoff <= as_of that
-- attempted the unit (a column, its home page or any page).
CREATE OR REPLACE MACRO gk.unit_run(as_of) AS TABLE
WITH touched AS (
    SELECT run_id, unit_id FROM column_runs
    UNION SELECT run_id, unit_id FROM home_observations
    UNION SELECT run_id, unit_id FROM page_attempts
), ranked AS (
    SELECT t.unit_id, r.run_id, r.cutoff AS run_cutoff,
           row_number() OVER (PARTITION BY t.unit_id ORDER BY r.cutoff DESC, coalesce(r.default_cutoff, false) DESC, r.run_id DESC) AS n
    FROM touched t JOIN runs r ON r.run_id = t.run_id
    WHERE r.cutoff <= CAST(as_of AS DATE)
)
SELECT unit_id, run_id, run_cutoff FROM ranked WHERE n = 1;

-- The newest crawl (column_runs row) of each column and mailbox with run
-- cutoff <= as_of.
CREATE OR REPLACE MACRO gk.column_run(as_of) AS TABLE
WITH ranked AS (
    SELECT cr.*, r.cutoff AS run_cutoff,
           row_number() OVER (PARTITION BY cr.unit_id, cr.kind, cr.column_id ORDER BY r.cutoff DESC, coalesce(r.default_cutoff, false) DESC, cr.run_id DESC) AS n
    FROM column_runs cr JOIN runs r ON r.run_id = cr.run_id
    WHERE r.cutoff <= CAST(as_of AS DATE)
)
SELECT * EXCLUDE (n) FROM ranked WHERE n = 1;

-- Items known at as_of: first seen by a run with cutoff <= as_of, and not
-- removed by then. listed_unverified: its detail page failed and no run
-- up to as_of has read it (listed, not verified).
CREATE OR REPLACE MACRO gk.items(as_of) AS TABLE
SELECT i.*, r.cutoff AS first_seen_cutoff,
       coalesce(rf.cutoff <= CAST(as_of AS DATE), false) AND NOT coalesce(ro.cutoff <= CAST(as_of AS DATE), false) AS listed_unverified
FROM items i JOIN runs r ON r.run_id = i.first_seen_run
LEFT JOIN runs rm ON rm.run_id = i.removed_run
LEFT JOIN runs rf ON rf.run_id = i.detail_failed_run
LEFT JOIN runs ro ON ro.run_id = i.detail_fetched_run
WHERE r.cutoff <= CAST(as_of AS DATE) AND NOT coalesce(rm.cutoff <= CAST(as_of AS DATE), false);

-- Items removed from the site (已删除) by as_of, with the evidence: the
-- complete read that no longer listed them and the not-found answer.
CREATE OR REPLACE MACRO gk.removed(as_of) AS TABLE
SELECT i.unit_id, i.canonical_url, i.url, i.column_id, i.category, i.title, i.publish_date,
       i.last_seen_run, i.last_seen_date, i.removed_run, rm.cutoff AS removed_date, i.removed_url, i.removed_status,
       i.detail_sha256
FROM items i JOIN runs rm ON rm.run_id = i.removed_run
JOIN runs r ON r.run_id = i.first_seen_run
WHERE rm.cutoff <= CAST(as_of AS DATE) AND r.cutoff <= CAST(as_of AS DATE);

-- Every column that listed an item by as_of (an item listed in two columns
-- keeps both columns fresh, but counts once for the unit).
CREATE OR REPLACE MACRO gk.item_columns(as_of) AS TABLE
WITH ic_p AS (SELECT CAST(as_of AS DATE) AS ic_cd)
SELECT o.unit_id, o.canonical_url, o.column_id
FROM item_observations o JOIN runs r ON r.run_id = o.run_id CROSS JOIN ic_p
WHERE r.cutoff <= ic_p.ic_cd
UNION
SELECT i.unit_id, i.canonical_url, i.column_id FROM gk.items((SELECT ic_cd FROM ic_p)) i;

-- Letters known at as_of, in the state of their newest observation by a
-- run with cutoff <= as_of. gate false gives none, cheaply: it empties the
-- runs every scan joins with, so the scans stop at once.
CREATE OR REPLACE MACRO gk.letters(as_of, gate := true) AS TABLE
WITH gl_p AS (SELECT CAST(as_of AS DATE) AS gl_cd),
obs AS (
    SELECT o.*, row_number() OVER (PARTITION BY o.unit_id, o.mailbox_id, o.letter_key ORDER BY r.cutoff DESC, o.run_id DESC) AS n
    FROM letter_observations o JOIN runs r ON r.run_id = o.run_id
    WHERE r.cutoff <= (SELECT gl_cd FROM gl_p) AND gate
)
SELECT l.unit_id, l.mailbox_id, l.letter_key, l.letter_no, l.url, l.title, l.type,
       l.received_date,
       CASE WHEN o.run_id IS NULL THEN l.status ELSE o.status END AS status,
       CASE WHEN o.run_id IS NULL THEN l.handler ELSE o.handler END AS handler,
       CASE WHEN o.run_id IS NULL THEN l.replied_date ELSE o.replied_date END AS replied_date,
       l.shows_reply_time, l.shows_handler, l.shows_reply_content,
       CASE WHEN o.run_id IS NULL THEN l.detail_sha256 ELSE coalesce(o.detail_sha256, l.detail_sha256) END AS detail_sha256
FROM letters l
JOIN runs fr ON fr.run_id = l.first_seen_run AND fr.cutoff <= (SELECT gl_cd FROM gl_p) AND gate
LEFT JOIN obs o ON o.n = 1 AND o.unit_id = l.unit_id AND o.mailbox_id = l.mailbox_id AND o.letter_key = l.letter_key;

-- The previous period: the same number of whole months before a
-- whole-month period, else the same number of days before it.
CREATE OR REPLACE MACRO gk.whole_months(f, t) AS
    day(CAST(f AS DATE)) = 1 AND day(CAST(t AS DATE) + 1) = 1;
CREATE OR REPLACE MACRO gk.months_in(f, t) AS
    (year(CAST(t AS DATE)) * 12 + month(CAST(t AS DATE))) - (year(CAST(f AS DATE)) * 12 + month(CAST(f AS DATE))) + 1;
CREATE OR REPLACE MACRO gk.prev_from(f, t) AS CASE
    WHEN gk.whole_months(f, t) THEN gk.add_months(f, -gk.months_in(f, t))
    ELSE CAST(f AS DATE) - CAST((CAST(t AS DATE) - CAST(f AS DATE) + 1) AS INTEGER) END;
CREATE OR REPLACE MACRO gk.prev_to(f, t) AS CAST(f AS DATE) - 1;
CREATE OR REPLACE MACRO gk.last_year_from(f, t) AS gk.add_months(f, -12);
CREATE OR REPLACE MACRO gk.last_year_to(f, t) AS CASE
    WHEN gk.whole_months(f, t) THEN gk.add_months(gk.add_months(f, -12), gk.months_in(f, t)) - 1
    ELSE gk.add_months(t, -12) END;

-- Whether a period has data of its own to compare with: a run after it
-- that may be a default cutoff, whose cutoff is not later than as_of.
CREATE OR REPLACE MACRO gk.has_run(t, as_of) AS EXISTS (
    SELECT 1 FROM runs r WHERE r.default_cutoff AND r.cutoff > CAST(t AS DATE) AND r.cutoff <= CAST(as_of AS DATE));

-- The units with their per-unit rules: yearly target and monthly minimum
-- (per unit, else per kind).
CREATE OR REPLACE MACRO gk.units(ver) AS TABLE
WITH gu_p AS (SELECT ver AS gu_v)
SELECT u.unit_id, u.name AS unit_name, u.kind, u.kind_group, u.home_url, u.must_have_mailbox,
       coalesce(tu.yearly, tk.yearly) AS yearly_target,
       CAST(coalesce(tu.monthly_minimum, tk.monthly_minimum, 1) AS INTEGER) AS monthly_minimum
FROM units u CROSS JOIN gu_p
LEFT JOIN rule_targets tu ON tu.version = gu_p.gu_v AND tu.scope = 'unit' AND tu.subject = u.unit_id
LEFT JOIN rule_targets tk ON tk.version = gu_p.gu_v AND tk.scope = 'kind' AND tk.subject = u.kind;


-- The first run that saw an item in each column (for selector drift).
CREATE OR REPLACE MACRO gk.first_seen() AS TABLE
SELECT unit_id, column_id, min(run_id) AS first_run FROM item_observations GROUP BY unit_id, column_id;
