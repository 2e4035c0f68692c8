package etl

import (
	"strings"

	"github.com/gongkai/gongkai/domain"
)

// The statements below are fixed text: run IDs and file lists are bound
// as parameters, and crawled strings only ever arrive as data read by
// read_json.

const upsertRun = `INSERT INTO runs
	(run_id, period, started_at, finished_at, cutoff, complete, version, config_sha256, loaded_at, units_loaded, units_skipped)
VALUES ($1, $2, CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP), CAST($5 AS DATE), $6, $7, $8, CAST($9 AS TIMESTAMP), $10, $11)
ON CONFLICT (run_id) DO UPDATE SET
	period = excluded.period, started_at = excluded.started_at, finished_at = excluded.finished_at,
	cutoff = excluded.cutoff, complete = excluded.complete, version = excluded.version,
	config_sha256 = excluded.config_sha256, units_loaded = excluded.units_loaded,
	units_skipped = excluded.units_skipped`

// judgeRun records how many of the run's ($1) sources ($2) were not read
// at all (a source of a unit whose files are missing counts as not read),
// and whether the run may be a default cutoff: complete, with no more than
// the share $3 of its sources failed.
const judgeRun = `UPDATE runs SET sources = $2, sources_failed = x.failed,
	default_cutoff = runs.complete AND ($2 = 0 OR x.failed <= $3 * $2)
FROM (
	SELECT greatest($2
		- (SELECT count(*) FROM column_runs WHERE run_id = $1 AND verdict NOT IN ('failed', 'blocked'))
		- (SELECT count(*) FROM home_observations WHERE run_id = $1 AND verdict NOT IN ('failed', 'blocked')), 0) AS failed
) x
WHERE runs.run_id = $1`

// runTables hold rows per run; a load first clears what an earlier load
// of the same run stored in them.
var runTables = []string{
	"item_observations", "letter_observations", "column_runs", "home_observations", "page_attempts", "findings",
}

const dateType = `'STRUCT(raw VARCHAR, value VARCHAR, "time" VARCHAR)'`

// readJSON returns a read_json call over the file list bound to $2 with
// an explicit column spec, so DuckDB neither samples nor guesses types.
func readJSON(columns ...string) string {
	return `read_json($2::VARCHAR[], format = 'newline_delimited', compression = 'gzip', columns = {` +
		strings.Join(columns, ", ") + `})`
}

// localTS converts an RFC 3339 timestamp string (as Go writes time.Time)
// to Asia/Shanghai wall time; Go's zero time and "" become NULL.
func localTS(col string) string {
	return `CASE WHEN ` + col + ` IS NULL OR ` + col + ` = '' OR ` + col + ` LIKE '0001-01-01%' THEN NULL
		ELSE timezone('Asia/Shanghai', TRY_CAST(` + col + ` AS TIMESTAMPTZ)) END`
}

func day(col string) string  { return `TRY_CAST(NULLIF(` + col + `.value, '') AS DATE)` }
func raw(col string) string  { return `NULLIF(` + col + `.raw, '')` }
func null(col string) string { return `NULLIF(` + col + `, '')` }

// itemColumns is the column spec of items.ndjson.gz.
var itemColumns = []string{
	`'run_id': 'VARCHAR'`, `'unit_id': 'VARCHAR'`, `'column_id': 'VARCHAR'`,
	`'url': 'VARCHAR'`, `'canonical_url': 'VARCHAR'`, `'title': 'VARCHAR'`, `'list_title': 'VARCHAR'`,
	`'list_date': ` + dateType, `'published': ` + dateType, `'formed': ` + dateType,
	`'index_no': 'VARCHAR'`, `'publisher': 'VARCHAR'`, `'doc_no': 'VARCHAR'`, `'topic': 'VARCHAR'`,
	`'validity': 'VARCHAR'`, `'links': 'VARCHAR[]'`, `'detail_fetched': 'BOOLEAN'`,
	`'detail_error': 'VARCHAR'`, `'list_page': 'INTEGER'`, `'position': 'INTEGER'`,
	`'list_sha256': 'VARCHAR'`, `'detail_sha256': 'VARCHAR'`, `'seen_at': 'VARCHAR'`,
}

// insertItemObservations stores every item sighting of the run as it
// streams out of read_json. Repeated sightings are dropped afterwards by
// dropRepeatedItems rather than here: a window over all rows sorted the
// whole run, and its output, no longer in file order, was buffered and
// rewritten at commit; together that was about half the load.
var insertItemObservations = `INSERT INTO item_observations BY NAME
SELECT $1 AS run_id, unit_id, canonical_url, column_id,
	` + null("title") + ` AS title,
	` + day("published") + ` AS publish_date, ` + raw("published") + ` AS publish_raw,
	` + day("formed") + ` AS formed_date, ` + raw("formed") + ` AS formed_raw,
	` + day("list_date") + ` AS list_date, ` + raw("list_date") + ` AS list_date_raw,
	list_page, "position", COALESCE(detail_fetched, false) AS detail_fetched,
	` + null("list_sha256") + ` AS list_sha256, ` + null("detail_sha256") + ` AS detail_sha256,
	` + localTS("seen_at") + ` AS seen_at,
	url, ` + null("list_title") + ` AS list_title, ` + null("index_no") + ` AS index_no,
	` + null("publisher") + ` AS publisher, ` + null("doc_no") + ` AS doc_no,
	` + null("topic") + ` AS topic, ` + null("validity") + ` AS validity,
	links, ` + null("detail_error") + ` AS detail_error
FROM (
	SELECT * REPLACE (COALESCE(NULLIF(canonical_url, ''), url) AS canonical_url)
	FROM ` + readJSON(itemColumns...) + `
)
WHERE COALESCE(unit_id, '') <> '' AND COALESCE(column_id, '') <> '' AND COALESCE(canonical_url, '') <> ''`

// repeatedItems says whether the run ($1) has an item more than once in
// a column: a list shows it twice when pages shift while the crawl pages.
// That is rare, so the load looks before it deletes (see loader.clear).
const repeatedItems = `SELECT EXISTS (
	SELECT 1 FROM item_observations WHERE run_id = $1
	GROUP BY unit_id, canonical_url, column_id HAVING count(*) > 1)`

// dropRepeatedItems keeps one sighting per item and column of the run
// ($1), the one at its first place in the list. Only the repeated keys are
// sorted.
const dropRepeatedItems = `DELETE FROM item_observations
WHERE run_id = $1 AND rowid IN (
	SELECT o.rowid FROM item_observations o
	SEMI JOIN (
		SELECT unit_id, canonical_url, column_id FROM item_observations WHERE run_id = $1
		GROUP BY unit_id, canonical_url, column_id HAVING count(*) > 1
	) d ON d.unit_id = o.unit_id AND d.canonical_url = o.canonical_url AND d.column_id = o.column_id
	WHERE o.run_id = $1
	QUALIFY row_number() OVER (PARTITION BY o.unit_id, o.canonical_url, o.column_id
		ORDER BY o.list_page NULLS LAST, o."position" NULLS LAST, o.seen_at, o.url) > 1
)`

var insertLetterObservations = `INSERT INTO letter_observations BY NAME
SELECT * EXCLUDE (rn) FROM (
	SELECT $1 AS run_id, unit_id, mailbox_id, "key" AS letter_key,
		COALESCE(NULLIF(status, ''), 'unknown') AS status, ` + null("status_raw") + ` AS status_raw,
		` + null("handler") + ` AS handler,
		TRY_CAST(NULLIF(replied.value, '') || ' ' || NULLIF(replied."time", '') AS TIMESTAMP) AS replied_at,
		` + day("replied") + ` AS replied_date, ` + raw("replied") + ` AS replied_raw,
		` + null("detail_sha256") + ` AS detail_sha256, ` + localTS("seen_at") + ` AS seen_at,
		` + null("letter_no") + ` AS letter_no, ` + null("url") + ` AS url, ` + null("title") + ` AS title,
		COALESCE(NULLIF("type", ''), '其他') AS "type", ` + null("type_raw") + ` AS type_raw,
		TRY_CAST(NULLIF(received.value, '') || ' ' || NULLIF(received."time", '') AS TIMESTAMP) AS received_at,
		` + day("received") + ` AS received_date, ` + raw("received") + ` AS received_raw,
		shows_reply_time, shows_handler, shows_reply_content,
		COALESCE(detail_fetched, false) AS detail_fetched, ` + null("detail_error") + ` AS detail_error,
		` + null("list_sha256") + ` AS list_sha256,
		row_number() OVER (PARTITION BY unit_id, mailbox_id, "key" ORDER BY detail_fetched DESC, seen_at, url) AS rn
	FROM ` + readJSON(
	`'unit_id': 'VARCHAR'`, `'mailbox_id': 'VARCHAR'`, `'key': 'VARCHAR'`, `'letter_no': 'VARCHAR'`,
	`'url': 'VARCHAR'`, `'canonical_url': 'VARCHAR'`, `'title': 'VARCHAR'`, `'type_raw': 'VARCHAR'`,
	`'type': 'VARCHAR'`, `'received': `+dateType, `'status_raw': 'VARCHAR'`, `'status': 'VARCHAR'`,
	`'handler': 'VARCHAR'`, `'replied': `+dateType, `'shows_reply_time': 'BOOLEAN'`,
	`'shows_handler': 'BOOLEAN'`, `'shows_reply_content': 'BOOLEAN'`, `'detail_fetched': 'BOOLEAN'`,
	`'detail_error': 'VARCHAR'`, `'list_sha256': 'VARCHAR'`, `'detail_sha256': 'VARCHAR'`,
	`'seen_at': 'VARCHAR'`) + `
	WHERE COALESCE(unit_id, '') <> '' AND COALESCE(mailbox_id, '') <> '' AND COALESCE("key", '') <> ''
)
WHERE rn = 1`

var insertColumnRuns = `INSERT INTO column_runs BY NAME
SELECT * EXCLUDE (rn) FROM (
	SELECT $1 AS run_id, unit_id, column_id, COALESCE(NULLIF(kind, ''), 'column') AS kind,
		` + null("url") + ` AS url, ` + null("profile") + ` AS profile, ` + null("encoding") + ` AS encoding,
		pages, found, NULLIF(total_pages, 0) AS total_pages, complete, incremental,
		COALESCE(NULLIF(outcome, ''), 'failed') AS outcome, ` + null("error") + ` AS error,
		TRY_CAST(NULLIF(newest, '') AS DATE) AS newest, ` + localTS("finished_at") + ` AS finished_at,
		-- A crawl without a verdict (an older crawler) gets one derived
		-- from its outcome; a verdict this version does not know is not
		-- evidence.
		CASE WHEN verdict IN ` + verdictList + ` THEN verdict
		     WHEN COALESCE(verdict, '') <> '' THEN 'suspect'
		     ELSE gk.derive_verdict(COALESCE(NULLIF(outcome, ''), 'failed'), complete) END AS verdict,
		CASE WHEN verdict IN ` + verdictList + ` THEN ` + null("verdict_reason") + `
		     WHEN COALESCE(verdict, '') <> '' THEN 'unknown verdict ' || verdict
		     ELSE gk.derive_verdict_reason(COALESCE(NULLIF(outcome, ''), 'failed'), complete) END AS verdict_reason,
		COALESCE(verdict, '') = '' AS verdict_derived,
		site_total, CASE WHEN COALESCE(verdict, '') = '' THEN found ELSE COALESCE("distinct", found) END AS distinct_items, COALESCE(last_page_seen, false) AS last_page_seen,
		COALESCE(details_failed, 0) AS details_failed, ` + null("recognised") + ` AS recognised,
		COALESCE(rendered, false) AS rendered,
		row_number() OVER (PARTITION BY unit_id, column_id ORDER BY finished_at DESC) AS rn
	FROM ` + readJSON(
	`'unit_id': 'VARCHAR'`, `'column_id': 'VARCHAR'`, `'kind': 'VARCHAR'`, `'url': 'VARCHAR'`,
	`'profile': 'VARCHAR'`, `'encoding': 'VARCHAR'`, `'pages': 'INTEGER'`, `'found': 'INTEGER'`,
	`'total_pages': 'INTEGER'`, `'complete': 'BOOLEAN'`, `'incremental': 'BOOLEAN'`,
	`'outcome': 'VARCHAR'`, `'error': 'VARCHAR'`, `'newest': 'VARCHAR'`, `'finished_at': 'VARCHAR'`,
	`'verdict': 'VARCHAR'`, `'verdict_reason': 'VARCHAR'`, `'site_total': 'INTEGER'`, `'distinct': 'INTEGER'`,
	`'last_page_seen': 'BOOLEAN'`, `'details_failed': 'INTEGER'`, `'recognised': 'VARCHAR'`,
	`'rendered': 'BOOLEAN'`) + `
	WHERE COALESCE(unit_id, '') <> '' AND COALESCE(column_id, '') <> ''
)
WHERE rn = 1`

// verdictList is domain.Verdicts as an SQL list.
var verdictList = func() string {
	q := make([]string, len(domain.Verdicts))
	for i, v := range domain.Verdicts {
		q[i] = "'" + v + "'"
	}
	return "(" + strings.Join(q, ", ") + ")"
}()

var insertHomes = `INSERT INTO home_observations BY NAME
SELECT * EXCLUDE (rn) FROM (
	SELECT $1 AS run_id, unit_id, COALESCE(url, '') AS url, COALESCE(ok, false) AS ok, status,
		` + null("error") + ` AS error, ` + day("newest") + ` AS newest_date, ` + raw("newest") + ` AS newest_raw,
		` + null("newest_url") + ` AS newest_url, ` + null("newest_title") + ` AS newest_title,
		` + null("sha256") + ` AS sha256, ` + localTS("fetched_at") + ` AS fetched_at,
		CASE WHEN verdict IN ` + verdictList + ` THEN verdict
		     WHEN COALESCE(verdict, '') <> '' THEN 'suspect'
		     ELSE gk.derive_home_verdict(COALESCE(ok, false), status, error) END AS verdict,
		COALESCE(verdict, '') = '' AS verdict_derived,
		row_number() OVER (PARTITION BY unit_id ORDER BY ok DESC, fetched_at DESC) AS rn
	FROM ` + readJSON(
	`'unit_id': 'VARCHAR'`, `'url': 'VARCHAR'`, `'ok': 'BOOLEAN'`, `'status': 'INTEGER'`,
	`'error': 'VARCHAR'`, `'newest': `+dateType, `'newest_url': 'VARCHAR'`, `'newest_title': 'VARCHAR'`,
	`'sha256': 'VARCHAR'`, `'fetched_at': 'VARCHAR'`, `'verdict': 'VARCHAR'`) + `
	WHERE COALESCE(unit_id, '') <> ''
)
WHERE rn = 1`

var insertPages = `INSERT INTO page_attempts BY NAME
SELECT $1 AS run_id, unit_id, ` + null("column_id") + ` AS column_id, kind, ` + null("method") + ` AS method,
	url, COALESCE(attempt, 1) AS attempt, NULLIF(status, 0) AS status, bytes, duration_ms,
	COALESCE(NULLIF(outcome, ''), 'failed') AS outcome, ` + null("error") + ` AS error,
	` + null("sha256") + ` AS sha256, COALESCE(` + localTS("fetched_at") + `, TIMESTAMP '1970-01-01') AS fetched_at,
	COALESCE(rendered, false) AS rendered
FROM ` + readJSON(
	`'unit_id': 'VARCHAR'`, `'column_id': 'VARCHAR'`, `'kind': 'VARCHAR'`, `'method': 'VARCHAR'`,
	`'url': 'VARCHAR'`, `'attempt': 'INTEGER'`, `'status': 'INTEGER'`, `'bytes': 'BIGINT'`,
	`'duration_ms': 'BIGINT'`, `'outcome': 'VARCHAR'`, `'error': 'VARCHAR'`, `'sha256': 'VARCHAR'`,
	`'fetched_at': 'VARCHAR'`, `'rendered': 'BOOLEAN'`) + `
WHERE COALESCE(unit_id, '') <> '' AND COALESCE(url, '') <> '' AND COALESCE(kind, '') <> ''`

// stateTables are rebuilt per unit from every sighting when a unit is
// recomputed (recomputeItems, recomputeState, fillState).
var stateTables = []string{
	"items", "item_links", "letters", "state.item_state", "state.item_columns", "state.item_urls", "state.letter_replies",
}

// recomputeItems computes the items of one batch ($1) of item_batches
// into item_calc, with the titles state.item_state keeps.
// An item's last seen run is the newest run that listed it, or a later
// run whose incremental crawl of its column stopped before reaching its
// date (see carried). Each item's home column is its first in config order; its URL and
// list date come from its newest sighting; its metadata from its
// newest fetched sighting, preferring the column first in config order
// within a run. The orders are ranked as integers first (run_rank,
// col_rank): one arg_max per field over an integer key costs a fraction
// of arg_max over structs ordered by tuples, which was most of a load's
// recompute. A key is unique within an item (one sighting per run and
// column), so every field of a pick comes from the same sighting.
var recomputeItems = `CREATE OR REPLACE TEMP TABLE item_calc AS
WITH run_rank AS (
	SELECT run_id, row_number() OVER (ORDER BY run_id) AS r FROM runs
), col_rank AS (
	-- home_rank ascends with (config position, column_id); pick_rank
	-- ascends with (-config position, column_id). Columns no longer
	-- configured come last.
	SELECT unit_id, column_id, c.category,
		row_number() OVER (PARTITION BY unit_id ORDER BY COALESCE(c.position, 1000000), column_id) AS home_rank,
		row_number() OVER (PARTITION BY unit_id ORDER BY COALESCE(c.position, 1000000) DESC, column_id) AS pick_rank
	FROM (SELECT DISTINCT unit_id, column_id FROM item_observations
		WHERE unit_id IN (SELECT unit_id FROM item_batches WHERE batch = $1))
	LEFT JOIN columns c USING (unit_id, column_id)
), obs AS (
	SELECT o.*, k.home_rank, k.category AS col_category,
		r.r * 16777216 + k.pick_rank AS newest_key,
		(COALESCE(o.detail_fetched, false)::BIGINT << 52) + r.r * 16777216 + k.pick_rank AS meta_key
	FROM item_observations o
	JOIN run_rank r ON r.run_id = o.run_id
	JOIN col_rank k ON k.unit_id = o.unit_id AND k.column_id = o.column_id
	WHERE o.unit_id IN (SELECT unit_id FROM item_batches WHERE batch = $1)
), agg AS (
	SELECT unit_id, canonical_url,
		min(run_id) AS first_seen_run, max(run_id) AS last_seen_run,
		arg_min_null(column_id, home_rank) AS column_id, arg_min_null(col_category, home_rank) AS category,
		arg_max_null(url, newest_key) AS url, arg_max_null(list_date, newest_key) AS list_date,
		arg_max_null(list_date_raw, newest_key) AS list_date_raw,
		arg_max_null(title, meta_key) AS meta_title,
		arg_max_null(list_title, meta_key) AS meta_list_title, arg_max_null(list_title, newest_key) AS newest_list_title,
		min(run_id) FILTER (WHERE detail_fetched) AS detail_fetched_run,
		min(run_id) FILTER (WHERE NOT detail_fetched AND detail_error IS NOT NULL` + notFetchedOnPurpose + `) AS detail_failed_run,
		arg_max_null(publish_date, meta_key) AS publish_date,
		arg_max_null(publish_raw, meta_key) AS publish_raw, arg_max_null(formed_date, meta_key) AS formed_date,
		arg_max_null(formed_raw, meta_key) AS formed_raw, arg_max_null(index_no, meta_key) AS index_no,
		arg_max_null(publisher, meta_key) AS publisher, arg_max_null(doc_no, meta_key) AS doc_no,
		arg_max_null(topic, meta_key) AS topic, arg_max_null(validity, meta_key) AS validity,
		arg_max_null(detail_sha256, meta_key) AS detail_sha256
	FROM obs
	GROUP BY unit_id, canonical_url
), bound AS (
	-- A column crawl that stopped on purpose at items already seen
	-- (incremental and complete) listed everything down to its oldest
	-- date; what is older was simply not paged to.
	SELECT o.run_id, o.unit_id, o.column_id, min(COALESCE(o.publish_date, o.list_date)) AS oldest
	FROM item_observations o
	JOIN column_runs cr ON cr.run_id = o.run_id AND cr.unit_id = o.unit_id AND cr.column_id = o.column_id
	WHERE cr.kind = 'column' AND cr.incremental AND cr.complete
		AND o.unit_id IN (SELECT unit_id FROM item_batches WHERE batch = $1)
	GROUP BY ALL
), latest AS (
	SELECT unit_id, canonical_url, column_id, max(run_id) AS run_id,
		arg_max(COALESCE(publish_date, list_date), run_id) AS d
	FROM item_observations
	WHERE unit_id IN (SELECT unit_id FROM item_batches WHERE batch = $1)
	GROUP BY ALL
), carried AS (
	-- An item older than the oldest one a later incremental crawl of its
	-- column listed is still there as far as that crawl knows: it counts
	-- as seen by it. An item inside the range that crawl listed, and
	-- missing from it, was deleted.
	SELECT t.unit_id, t.canonical_url, max(b.run_id) AS carried_run
	FROM latest t
	JOIN bound b ON b.unit_id = t.unit_id AND b.column_id = t.column_id AND b.run_id > t.run_id AND t.d <= b.oldest
	GROUP BY ALL
), seen AS (
	SELECT a.*,
		-- The list shows a new title for the item: the title was edited
		-- after the detail page was read (each run's title is kept in
		-- item_observations).
		CASE WHEN a.newest_list_title IS NOT NULL AND a.meta_list_title IS NOT NULL
		          AND a.newest_list_title <> a.meta_list_title THEN a.newest_list_title
		     ELSE a.meta_title END AS title,
		greatest(a.last_seen_run, COALESCE(c.carried_run, a.last_seen_run)) AS last_run
	FROM agg a LEFT JOIN carried c USING (unit_id, canonical_url)
), not_found AS (
	SELECT p.run_id, p.unit_id, p.url, p.status
	FROM page_attempts p
	WHERE p.kind = 'detail' AND p.status IN (404, 410)
		AND p.unit_id IN (SELECT unit_id FROM item_batches WHERE batch = $1)
), removed AS (
	-- Removed: a later complete read of a column that listed the item did
	-- not list it, and the item's page answered not found in that run.
	SELECT s.unit_id, s.canonical_url, min(nf.run_id) AS removed_run,
		arg_min(nf.url, (nf.run_id, nf.url, nf.status)) AS removed_url,
		arg_min(nf.status, (nf.run_id, nf.url, nf.status)) AS removed_status
	FROM seen s
	JOIN (SELECT DISTINCT unit_id, canonical_url, column_id, url FROM obs) o
		ON o.unit_id = s.unit_id AND o.canonical_url = s.canonical_url
	JOIN not_found nf ON nf.unit_id = s.unit_id AND nf.url = o.url AND nf.run_id > s.last_run
	JOIN column_runs cr ON cr.run_id = nf.run_id AND cr.unit_id = s.unit_id AND cr.column_id = o.column_id
		AND cr.kind = 'column' AND cr.verdict = 'complete'
	GROUP BY s.unit_id, s.canonical_url
)
SELECT a.* EXCLUDE (last_run) REPLACE (COALESCE(a.category, '其他') AS category, a.last_run AS last_seen_run),
	f.cutoff AS first_seen_date, l.cutoff AS last_seen_date,
	rm.removed_run, rm.removed_url, rm.removed_status
FROM seen a
JOIN runs f ON f.run_id = a.first_seen_run
JOIN runs l ON l.run_id = a.last_run
LEFT JOIN removed rm USING (unit_id, canonical_url)`

// notFetchedOnPurpose leaves out detail pages the crawler declined to
// fetch (outside the unit's hosts): not a failure of the site, so the item
// stays counted on its list evidence.
const notFetchedOnPurpose = ` AND detail_error NOT LIKE '%outside the unit''s hosts%' AND detail_error NOT LIKE '%redirect to another host refused%'`

// itemBatches splits the load's units into batches of about 250,000
// item sightings, so items are recomputed a batch at a time: in one
// statement, a million items cost twice as much CPU per item as a
// quarter million (the aggregate's hash table outgrows the caches).
const itemBatches = `CREATE OR REPLACE TEMP TABLE item_batches AS
SELECT unit_id, CAST((sum(n) OVER (ORDER BY unit_id) - n) // 250000 AS INTEGER) AS batch
FROM (
	SELECT unit_id, count(*) AS n FROM item_observations
	WHERE unit_id IN (SELECT unit_id FROM full_units)
	GROUP BY unit_id
)`

// recomputeState rebuilds item links and letters of the load's
// units (cleared first) from all their observations: first and last seen follow run_id
// order whatever order runs were loaded in; metadata comes from the newest
// sighting whose detail page was fetched, so an incremental run that
// reused an item does not blank it.
var recomputeState = []string{
	`INSERT INTO item_links (unit_id, from_url, to_url, run_id)
SELECT unit_id, canonical_url, to_url, max(run_id)
FROM (
	SELECT unit_id, canonical_url, run_id, unnest(links) AS to_url
	FROM item_observations
	WHERE detail_fetched AND unit_id IN (SELECT unit_id FROM full_units)
)
WHERE to_url IS NOT NULL AND to_url <> '' AND to_url <> canonical_url
GROUP BY unit_id, canonical_url, to_url`,

	// A letter's state is its newest sighting. When that sighting did not
	// fetch the detail page, the reply details come from the newest fetched
	// sighting with the same status (the reply has not changed since).
	`INSERT INTO letters BY NAME
WITH obs AS (
	SELECT * FROM letter_observations WHERE unit_id IN (SELECT unit_id FROM full_units)
), cur AS (
	SELECT unit_id, mailbox_id, letter_key,
		min(run_id) AS first_seen_run, max(run_id) AS last_seen_run,
		arg_max({'letter_no': letter_no, 'url': url, 'title': title, 'type': "type", 'type_raw': type_raw,
			'received_at': received_at, 'received_date': received_date, 'received_raw': received_raw,
			'status': status, 'status_raw': status_raw, 'detail_fetched': detail_fetched}, run_id) AS s,
		arg_max({'handler': handler, 'replied_at': replied_at, 'replied_date': replied_date,
			'replied_raw': replied_raw, 'shows_reply_time': shows_reply_time,
			'shows_handler': shows_handler, 'shows_reply_content': shows_reply_content,
			'detail_sha256': detail_sha256}, run_id) AS d
	FROM obs
	GROUP BY unit_id, mailbox_id, letter_key
), fetched AS (
	SELECT unit_id, mailbox_id, letter_key, status,
		arg_max({'handler': handler, 'replied_at': replied_at, 'replied_date': replied_date,
			'replied_raw': replied_raw, 'shows_reply_time': shows_reply_time,
			'shows_handler': shows_handler, 'shows_reply_content': shows_reply_content,
			'detail_sha256': detail_sha256}, run_id) AS d
	FROM obs WHERE detail_fetched
	GROUP BY unit_id, mailbox_id, letter_key, status
), pick AS (
	SELECT c.*, CASE WHEN NOT COALESCE(c.s.detail_fetched, false) AND f.d IS NOT NULL THEN f.d ELSE c.d END AS r
	FROM cur c
	LEFT JOIN fetched f ON f.unit_id = c.unit_id AND f.mailbox_id = c.mailbox_id
		AND f.letter_key = c.letter_key AND f.status = c.s.status
)
SELECT unit_id, mailbox_id, letter_key, s.letter_no AS letter_no, s.url AS url, s.title AS title,
	s."type" AS "type", s.type_raw AS type_raw, s.received_at AS received_at,
	s.received_date AS received_date, s.received_raw AS received_raw,
	s.status AS status, s.status_raw AS status_raw,
	r.handler AS handler, r.replied_at AS replied_at, r.replied_date AS replied_date,
	r.replied_raw AS replied_raw, r.shows_reply_time AS shows_reply_time,
	r.shows_handler AS shows_handler, r.shows_reply_content AS shows_reply_content,
	r.detail_sha256 AS detail_sha256, first_seen_run, last_seen_run
FROM pick`,
}
