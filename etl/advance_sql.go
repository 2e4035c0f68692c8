package etl

// The statements below bring the current state of the units in
// inc_units up to date from the sightings of one run ($1) that is newer
// than every run loaded before it. They give the rows recomputeItems,
// recomputeState and fillState would give from every sighting (the load
// test compares the two on every table): each rule of those statements
// is a maximum or minimum over runs, or a pick of the newest sighting, so
// a newest run either replaces a value or leaves it. Only the current
// rows the run changes are rewritten; what a load costs follows the run,
// not the history.

// fillState fills the load state of the units in full_units from every
// sighting (state.item_state is filled from item_calc by recomputeItems).
var fillState = []string{
	`INSERT INTO state.item_columns
SELECT unit_id, canonical_url, column_id, max(run_id),
	-- arg_max passes over sightings without a date, as carried does.
	arg_max(COALESCE(publish_date, list_date), run_id)
FROM item_observations WHERE unit_id IN (SELECT unit_id FROM full_units)
GROUP BY unit_id, canonical_url, column_id`,

	`INSERT INTO state.item_urls
SELECT DISTINCT unit_id, canonical_url, column_id, url
FROM item_observations WHERE unit_id IN (SELECT unit_id FROM full_units)`,

	`INSERT INTO state.letter_replies
SELECT unit_id, mailbox_id, letter_key, status, max(run_id),
	arg_max_null(handler, run_id), arg_max_null(replied_at, run_id), arg_max_null(replied_date, run_id),
	arg_max_null(replied_raw, run_id), arg_max_null(shows_reply_time, run_id),
	arg_max_null(shows_handler, run_id), arg_max_null(shows_reply_content, run_id),
	arg_max_null(detail_sha256, run_id)
FROM letter_observations
WHERE detail_fetched AND unit_id IN (SELECT unit_id FROM full_units)
GROUP BY unit_id, mailbox_id, letter_key, status`,
}

// advanceItems updates items, state.item_state, state.item_columns and
// state.item_urls from the run's sightings.
var advanceItems = []string{
	// The run's sightings, one row per item, with the picks of
	// recomputeItems made among this run's sightings alone: the home
	// column is the first in config order, the newest sighting the one of
	// the column first in config order, the metadata the same among the
	// sightings that read the detail page if any did.
	`CREATE OR REPLACE TEMP TABLE run_items AS
WITH o AS (
	SELECT o.*, COALESCE(c.position, 1000000) AS pos
	FROM item_observations o
	LEFT JOIN columns c ON c.unit_id = o.unit_id AND c.column_id = o.column_id
	WHERE o.run_id = $1 AND o.unit_id IN (SELECT unit_id FROM inc_units)
)
SELECT unit_id, canonical_url,
	min({'p': pos, 'c': column_id}) AS home_key,
	arg_min_null(column_id, (pos, column_id)) AS home_column,
	arg_max_null(url, (-pos, column_id)) AS url,
	arg_max_null(list_date, (-pos, column_id)) AS list_date,
	arg_max_null(list_date_raw, (-pos, column_id)) AS list_date_raw,
	arg_max_null(list_title, (-pos, column_id)) AS newest_list_title,
	bool_or(detail_fetched) AS fetched,
	bool_or(NOT detail_fetched AND detail_error IS NOT NULL` + notFetchedOnPurpose + `) AS failed,
	arg_max_null(title, (detail_fetched, -pos, column_id)) AS meta_title,
	arg_max_null(list_title, (detail_fetched, -pos, column_id)) AS meta_list_title,
	arg_max_null(publish_date, (detail_fetched, -pos, column_id)) AS publish_date,
	arg_max_null(publish_raw, (detail_fetched, -pos, column_id)) AS publish_raw,
	arg_max_null(formed_date, (detail_fetched, -pos, column_id)) AS formed_date,
	arg_max_null(formed_raw, (detail_fetched, -pos, column_id)) AS formed_raw,
	arg_max_null(index_no, (detail_fetched, -pos, column_id)) AS index_no,
	arg_max_null(publisher, (detail_fetched, -pos, column_id)) AS publisher,
	arg_max_null(doc_no, (detail_fetched, -pos, column_id)) AS doc_no,
	arg_max_null(topic, (detail_fetched, -pos, column_id)) AS topic,
	arg_max_null(validity, (detail_fetched, -pos, column_id)) AS validity,
	arg_max_null(detail_sha256, (detail_fetched, -pos, column_id)) AS detail_sha256
FROM o
GROUP BY unit_id, canonical_url`,

	// Each item and column the run listed: the run is now the newest to
	// list it there, and its date the newest known unless it showed none.
	`CREATE OR REPLACE TEMP TABLE run_item_columns AS
SELECT o.unit_id, o.canonical_url, o.column_id, $1 AS last_run,
	COALESCE(COALESCE(o.publish_date, o.list_date), ic.last_date) AS last_date
FROM item_observations o
LEFT JOIN state.item_columns ic ON ic.unit_id = o.unit_id AND ic.canonical_url = o.canonical_url AND ic.column_id = o.column_id
WHERE o.run_id = $1 AND o.unit_id IN (SELECT unit_id FROM inc_units)`,
	`DELETE FROM state.item_columns USING run_item_columns r
WHERE state.item_columns.unit_id = r.unit_id AND state.item_columns.canonical_url = r.canonical_url
	AND state.item_columns.column_id = r.column_id`,
	`INSERT INTO state.item_columns SELECT * FROM run_item_columns`,

	`INSERT INTO state.item_urls
SELECT DISTINCT unit_id, canonical_url, column_id, url
FROM item_observations WHERE run_id = $1 AND unit_id IN (SELECT unit_id FROM inc_units)
EXCEPT
SELECT unit_id, canonical_url, column_id, url
FROM state.item_urls WHERE unit_id IN (SELECT unit_id FROM inc_units)`,

	// Items the run did not list that it still counts as seen: its
	// incremental, complete crawl of a column that listed them stopped at
	// newer items (see carried in recomputeItems).
	`CREATE OR REPLACE TEMP TABLE run_carried AS
WITH bound AS (
	SELECT o.unit_id, o.column_id, min(COALESCE(o.publish_date, o.list_date)) AS oldest
	FROM item_observations o
	JOIN column_runs cr ON cr.run_id = o.run_id AND cr.unit_id = o.unit_id AND cr.column_id = o.column_id
	WHERE o.run_id = $1 AND cr.kind = 'column' AND cr.incremental AND cr.complete
		AND o.unit_id IN (SELECT unit_id FROM inc_units)
	GROUP BY ALL
)
SELECT DISTINCT ic.unit_id, ic.canonical_url
FROM state.item_columns ic
JOIN bound b ON b.unit_id = ic.unit_id AND b.column_id = ic.column_id
WHERE ic.last_run < $1 AND ic.last_date <= b.oldest
	AND NOT EXISTS (SELECT 1 FROM run_items n WHERE n.unit_id = ic.unit_id AND n.canonical_url = ic.canonical_url)`,

	// The items the run changes, as their new rows: listed by the run,
	// carried by it, or removed in it (not listed by its complete read of
	// a column that listed them, and their page answered not found).
	`CREATE OR REPLACE TEMP TABLE item_delta AS
WITH listed AS (
	SELECT n.unit_id, n.canonical_url, n.url,
		CASE WHEN o.column_id IS NULL OR n.home_key < {'p': COALESCE(oc.position, 1000000), 'c': o.column_id}
			THEN n.home_column ELSE o.column_id END AS column_id,
		n.list_date, n.list_date_raw, n.newest_list_title,
		-- The metadata stays that of an earlier sighting that read the
		-- detail page, unless this run read it too.
		n.fetched OR o.detail_fetched_run IS NULL AS take,
		n.meta_title, n.meta_list_title, n.publish_date, n.publish_raw, n.formed_date, n.formed_raw,
		n.index_no, n.publisher, n.doc_no, n.topic, n.validity, n.detail_sha256,
		o.publish_date AS o_publish_date, o.publish_raw AS o_publish_raw, o.formed_date AS o_formed_date,
		o.formed_raw AS o_formed_raw, o.index_no AS o_index_no, o.publisher AS o_publisher,
		o.doc_no AS o_doc_no, o.topic AS o_topic, o.validity AS o_validity, o.detail_sha256 AS o_detail_sha256,
		st.meta_title AS o_meta_title, st.meta_list_title AS o_meta_list_title,
		COALESCE(o.first_seen_run, $1) AS first_seen_run, COALESCE(o.first_seen_date, r.cutoff) AS first_seen_date,
		COALESCE(o.detail_fetched_run, CASE WHEN n.fetched THEN $1 END) AS detail_fetched_run,
		COALESCE(o.detail_failed_run, CASE WHEN n.failed THEN $1 END) AS detail_failed_run,
		r.cutoff
	FROM run_items n
	JOIN runs r ON r.run_id = $1
	LEFT JOIN items o ON o.unit_id = n.unit_id AND o.canonical_url = n.canonical_url
	LEFT JOIN state.item_state st ON st.unit_id = n.unit_id AND st.canonical_url = n.canonical_url
	LEFT JOIN columns oc ON oc.unit_id = o.unit_id AND oc.column_id = o.column_id
), picked AS (
	SELECT unit_id, canonical_url, url, column_id, list_date, list_date_raw, newest_list_title,
		CASE WHEN take THEN meta_title ELSE o_meta_title END AS meta_title,
		CASE WHEN take THEN meta_list_title ELSE o_meta_list_title END AS meta_list_title,
		CASE WHEN take THEN publish_date ELSE o_publish_date END AS publish_date,
		CASE WHEN take THEN publish_raw ELSE o_publish_raw END AS publish_raw,
		CASE WHEN take THEN formed_date ELSE o_formed_date END AS formed_date,
		CASE WHEN take THEN formed_raw ELSE o_formed_raw END AS formed_raw,
		CASE WHEN take THEN index_no ELSE o_index_no END AS index_no,
		CASE WHEN take THEN publisher ELSE o_publisher END AS publisher,
		CASE WHEN take THEN doc_no ELSE o_doc_no END AS doc_no,
		CASE WHEN take THEN topic ELSE o_topic END AS topic,
		CASE WHEN take THEN validity ELSE o_validity END AS validity,
		CASE WHEN take THEN detail_sha256 ELSE o_detail_sha256 END AS detail_sha256,
		first_seen_run, first_seen_date, detail_fetched_run, detail_failed_run, cutoff
	FROM listed
), removed AS (
	SELECT u.unit_id, u.canonical_url,
		arg_min(p.url, (p.url, p.status)) AS removed_url, arg_min(p.status, (p.url, p.status)) AS removed_status
	FROM state.item_urls u
	JOIN page_attempts p ON p.run_id = $1 AND p.unit_id = u.unit_id AND p.url = u.url
		AND p.kind = 'detail' AND p.status IN (404, 410)
	JOIN column_runs cr ON cr.run_id = $1 AND cr.unit_id = u.unit_id AND cr.column_id = u.column_id
		AND cr.kind = 'column' AND cr.verdict = 'complete'
	WHERE u.unit_id IN (SELECT unit_id FROM inc_units)
	GROUP BY u.unit_id, u.canonical_url
)
SELECT p.unit_id, p.canonical_url, p.url, p.column_id, COALESCE(c.category, '其他') AS category,
	CASE WHEN p.newest_list_title IS NOT NULL AND p.meta_list_title IS NOT NULL
	          AND p.newest_list_title <> p.meta_list_title THEN p.newest_list_title
	     ELSE p.meta_title END AS title,
	p.publish_date, p.publish_raw, p.formed_date, p.formed_raw, p.list_date, p.list_date_raw,
	p.index_no, p.publisher, p.doc_no, p.topic, p.validity, p.detail_sha256,
	p.first_seen_run, $1 AS last_seen_run, p.first_seen_date, p.cutoff AS last_seen_date,
	p.detail_fetched_run, p.detail_failed_run,
	NULL::VARCHAR AS removed_run, NULL::VARCHAR AS removed_url, NULL::INTEGER AS removed_status,
	p.meta_title, p.meta_list_title, p.newest_list_title
FROM picked p
LEFT JOIN columns c ON c.unit_id = p.unit_id AND c.column_id = p.column_id
UNION ALL BY NAME
SELECT i.* REPLACE ($1 AS last_seen_run, r.cutoff AS last_seen_date,
		NULL::VARCHAR AS removed_run, NULL::VARCHAR AS removed_url, NULL::INTEGER AS removed_status),
	st.meta_title, st.meta_list_title, st.newest_list_title
FROM run_carried k
JOIN items i ON i.unit_id = k.unit_id AND i.canonical_url = k.canonical_url
JOIN runs r ON r.run_id = $1
LEFT JOIN state.item_state st ON st.unit_id = i.unit_id AND st.canonical_url = i.canonical_url
UNION ALL BY NAME
SELECT i.* REPLACE ($1 AS removed_run, d.removed_url AS removed_url, d.removed_status AS removed_status),
	st.meta_title, st.meta_list_title, st.newest_list_title
FROM removed d
JOIN items i ON i.unit_id = d.unit_id AND i.canonical_url = d.canonical_url
LEFT JOIN state.item_state st ON st.unit_id = i.unit_id AND st.canonical_url = i.canonical_url
WHERE i.removed_run IS NULL
	AND NOT EXISTS (SELECT 1 FROM run_items n WHERE n.unit_id = d.unit_id AND n.canonical_url = d.canonical_url)
	AND NOT EXISTS (SELECT 1 FROM run_carried k WHERE k.unit_id = d.unit_id AND k.canonical_url = d.canonical_url)`,

	`DELETE FROM items USING item_delta d
WHERE items.unit_id = d.unit_id AND items.canonical_url = d.canonical_url`,
	`INSERT INTO items BY NAME SELECT * EXCLUDE (meta_title, meta_list_title, newest_list_title) FROM item_delta`,
	`DELETE FROM state.item_state USING item_delta d
WHERE state.item_state.unit_id = d.unit_id AND state.item_state.canonical_url = d.canonical_url`,
	`INSERT INTO state.item_state
SELECT unit_id, canonical_url, meta_title, meta_list_title, newest_list_title FROM item_delta`,

	// Links read by the run: the run is now the newest to see them.
	`CREATE OR REPLACE TEMP TABLE run_links AS
SELECT DISTINCT unit_id, canonical_url AS from_url, to_url
FROM (
	SELECT unit_id, canonical_url, unnest(links) AS to_url
	FROM item_observations
	WHERE run_id = $1 AND detail_fetched AND unit_id IN (SELECT unit_id FROM inc_units)
)
WHERE to_url IS NOT NULL AND to_url <> '' AND to_url <> canonical_url`,
	`DELETE FROM item_links USING run_links r
WHERE item_links.unit_id = r.unit_id AND item_links.from_url = r.from_url AND item_links.to_url = r.to_url`,
	`INSERT INTO item_links (unit_id, from_url, to_url, run_id) SELECT unit_id, from_url, to_url, $1 FROM run_links`,
}

// advanceLetters updates letters and state.letter_replies from the run's
// sightings: a letter the run saw takes the run's state; its reply
// details come from the newest sighting with the same status that read
// the letter's page, when the run did not read it.
var advanceLetters = []string{
	`CREATE OR REPLACE TEMP TABLE letter_delta AS
SELECT n.unit_id, n.mailbox_id, n.letter_key, n.letter_no, n.url, n.title, n."type", n.type_raw,
	n.received_at, n.received_date, n.received_raw, n.status, n.status_raw,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.handler ELSE n.handler END AS handler,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.replied_at ELSE n.replied_at END AS replied_at,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.replied_date ELSE n.replied_date END AS replied_date,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.replied_raw ELSE n.replied_raw END AS replied_raw,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.shows_reply_time ELSE n.shows_reply_time END AS shows_reply_time,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.shows_handler ELSE n.shows_handler END AS shows_handler,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.shows_reply_content ELSE n.shows_reply_content END AS shows_reply_content,
	CASE WHEN f.run_id IS NOT NULL AND NOT n.detail_fetched THEN f.detail_sha256 ELSE n.detail_sha256 END AS detail_sha256,
	COALESCE(o.first_seen_run, $1) AS first_seen_run, $1 AS last_seen_run
FROM letter_observations n
LEFT JOIN letters o ON o.unit_id = n.unit_id AND o.mailbox_id = n.mailbox_id AND o.letter_key = n.letter_key
LEFT JOIN state.letter_replies f ON f.unit_id = n.unit_id AND f.mailbox_id = n.mailbox_id
	AND f.letter_key = n.letter_key AND f.status = n.status
WHERE n.run_id = $1 AND n.unit_id IN (SELECT unit_id FROM inc_units)`,
	`DELETE FROM letters USING letter_delta d
WHERE letters.unit_id = d.unit_id AND letters.mailbox_id = d.mailbox_id AND letters.letter_key = d.letter_key`,
	`INSERT INTO letters BY NAME SELECT * FROM letter_delta`,

	`CREATE OR REPLACE TEMP TABLE run_replies AS
SELECT unit_id, mailbox_id, letter_key, status, run_id, handler, replied_at, replied_date, replied_raw,
	shows_reply_time, shows_handler, shows_reply_content, detail_sha256
FROM letter_observations
WHERE run_id = $1 AND detail_fetched AND unit_id IN (SELECT unit_id FROM inc_units)`,
	`DELETE FROM state.letter_replies USING run_replies r
WHERE state.letter_replies.unit_id = r.unit_id AND state.letter_replies.mailbox_id = r.mailbox_id
	AND state.letter_replies.letter_key = r.letter_key AND state.letter_replies.status = r.status`,
	`INSERT INTO state.letter_replies SELECT * FROM run_replies`,
}

// advanceTemps are the temporary tables of advanceItems and
// advanceLetters.
var advanceTemps = []string{
	"run_items", "run_item_columns", "run_carried", "item_delta", "run_links", "letter_delta", "run_replies",
}
