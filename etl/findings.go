package etl

// Kinds of finding.
const (
	FindingUnparseableDate = "unparseable_date"
	FindingMissingPublish  = "missing_publish_date"
	FindingMissingFormed   = "missing_formed_date"
	FindingDuplicate       = "duplicate_across_columns"
	FindingSelectorDrift   = "selector_drift"
	FindingBackDated       = "back_dated"
	FindingUnmappedColumn  = "unmapped_column"
	FindingRemoved         = "removed"
)

// runFindings depend on the loaded run alone ($1).
var runFindings = []string{
	// A date the page showed that could not be parsed. Items are subject by
	// canonical URL, letters by mailbox/key.
	`INSERT INTO findings
SELECT $1, unit_id, 'unparseable_date', subject, string_agg(DISTINCT what, '; ' ORDER BY what)
FROM (
	SELECT unit_id, canonical_url AS subject, '发布日期 ' || publish_raw AS what
	FROM item_observations WHERE run_id = $1 AND publish_raw IS NOT NULL AND publish_date IS NULL
	UNION ALL
	SELECT unit_id, canonical_url, '成文日期 ' || formed_raw
	FROM item_observations WHERE run_id = $1 AND formed_raw IS NOT NULL AND formed_date IS NULL
	UNION ALL
	SELECT unit_id, canonical_url, '列表日期 ' || list_date_raw
	FROM item_observations WHERE run_id = $1 AND list_date_raw IS NOT NULL AND list_date IS NULL
	UNION ALL
	SELECT unit_id, mailbox_id || '/' || letter_key, '来信时间 ' || received_raw
	FROM letter_observations WHERE run_id = $1 AND received_raw IS NOT NULL AND received_date IS NULL
	UNION ALL
	SELECT unit_id, mailbox_id || '/' || letter_key, '回复时间 ' || replied_raw
	FROM letter_observations WHERE run_id = $1 AND replied_raw IS NOT NULL AND replied_date IS NULL
)
GROUP BY unit_id, subject`,

	// One pass over the run's sightings per item for the per-item kinds.
	`CREATE OR REPLACE TEMP TABLE run_item_facts AS
SELECT unit_id, canonical_url,
	bool_and(publish_raw IS NULL) AS no_publish,
	bool_and(formed_raw IS NULL) FILTER (WHERE detail_fetched) AS no_formed,
	min(column_id) AS first_column, min(column_id) <> max(column_id) AS several_columns
FROM item_observations WHERE run_id = $1
GROUP BY unit_id, canonical_url`,

	// No 发布日期 anywhere (neither detail page nor list): the item can never
	// make its column fresh.
	`INSERT INTO findings
SELECT $1, unit_id, 'missing_publish_date', canonical_url, first_column
FROM run_item_facts WHERE no_publish`,

	// A fetched detail page without 成文日期: the item is left out of the
	// timeliness rate.
	`INSERT INTO findings
SELECT $1, unit_id, 'missing_formed_date', canonical_url, first_column
FROM run_item_facts WHERE no_formed`,

	`INSERT INTO findings
SELECT $1, o.unit_id, 'duplicate_across_columns', o.canonical_url,
	string_agg(DISTINCT o.column_id, ', ' ORDER BY o.column_id)
FROM item_observations o
SEMI JOIN run_item_facts f ON f.unit_id = o.unit_id AND f.canonical_url = o.canonical_url AND f.several_columns
WHERE o.run_id = $1
GROUP BY o.unit_id, o.canonical_url`,
}

// historyFindings depend on earlier runs, so they are recomputed for the
// loaded run and every later one ($1) of the load's units: loading an
// older run late changes what is new in the runs after it.
var historyFindings = []string{
	`DELETE FROM findings
WHERE run_id >= $1 AND kind IN ('selector_drift', 'back_dated')
	AND unit_id IN (SELECT unit_id FROM load_units)`,

	// A column (or mailbox) that answered but listed nothing while an
	// earlier run found records in it: the list markup probably changed.
	`INSERT INTO findings
SELECT cr.run_id, cr.unit_id, 'selector_drift', cr.column_id,
	'found 0 (' || cr.outcome || '); run ' || max(p.run_id) || ' found ' || arg_max(p.found, p.run_id)
FROM column_runs cr
JOIN column_runs p ON p.unit_id = cr.unit_id AND p.column_id = cr.column_id
	AND p.run_id < cr.run_id AND p.found > 0
WHERE cr.run_id >= $1 AND cr.unit_id IN (SELECT unit_id FROM load_units)
	AND cr.outcome IN ('ok', 'empty') AND COALESCE(cr.found, 0) = 0
GROUP BY cr.run_id, cr.unit_id, cr.column_id, cr.outcome`,

	// An item first seen in a run whose 发布日期 is before the cutoff of an
	// earlier run that crawled the same column completely: that run should
	// have seen it, so it was posted later with an earlier date.
	`INSERT INTO findings
WITH earlier AS (
	-- Complete crawls of a column, with the newest cutoff among them.
	SELECT p.unit_id, p.column_id, p.run_id, r.cutoff
	FROM column_runs p JOIN runs r ON r.run_id = p.run_id
	WHERE p.complete AND p.outcome IN ('ok', 'empty') AND p.unit_id IN (SELECT unit_id FROM load_units)
), candidates AS (
	-- First sightings dated before some earlier complete crawl of their
	-- column. Taking first sightings alone before anything else keeps the
	-- cost to the new items: a monthly run re-lists every old item, and
	-- each of them is dated before an earlier cutoff.
	SELECT o.run_id, o.unit_id, o.canonical_url, o.column_id, o.publish_date
	FROM item_observations o
	SEMI JOIN items f ON f.unit_id = o.unit_id AND f.canonical_url = o.canonical_url AND f.first_seen_run = o.run_id
	WHERE o.run_id >= $1 AND o.publish_date IS NOT NULL AND o.unit_id IN (SELECT unit_id FROM load_units)
		AND o.publish_date < (SELECT max(e.cutoff) FROM earlier e
			WHERE e.unit_id = o.unit_id AND e.column_id = o.column_id AND e.run_id < o.run_id)
)
SELECT o.run_id, o.unit_id, 'back_dated', o.canonical_url,
	'发布日期 ' || min(o.publish_date) || ' < cutoff ' || max(p.cutoff) || ' of run '
		|| arg_max(p.run_id, (p.cutoff, p.run_id)) || ', which crawled column '
		|| arg_max(p.column_id, (p.cutoff, p.run_id)) || ' completely'
FROM candidates o
JOIN items i ON i.unit_id = o.unit_id AND i.canonical_url = o.canonical_url AND i.first_seen_run = o.run_id
JOIN earlier p ON p.unit_id = o.unit_id AND p.column_id = o.column_id AND p.run_id < o.run_id
	AND o.publish_date < p.cutoff
GROUP BY o.run_id, o.unit_id, o.canonical_url`,

	// 已删除: an item a complete read of its column no longer listed and
	// whose page answered not found (items.removed_run). Recomputed for
	// every run of the load's units: a later run may list it again.
	`DELETE FROM findings WHERE kind = 'removed' AND unit_id IN (SELECT unit_id FROM load_units)`,
	`INSERT INTO findings
SELECT removed_run, unit_id, 'removed', canonical_url,
	'last listed by run ' || last_seen_run || ' in column ' || column_id || '; not listed by the complete read of run '
		|| removed_run || ', where ' || removed_url || ' answered ' || removed_status
FROM items
WHERE removed_run IS NOT NULL AND unit_id IN (SELECT unit_id FROM load_units)`,
}

// findings stores the run's findings and refreshes the history-dependent
// findings of later runs.
func (l *loader) findings(unmapped []unmappedColumn) {
	for _, q := range runFindings {
		l.exec("find data-quality problems", q, l.run)
	}
	l.exec("drop item facts", `DROP TABLE run_item_facts`)
	var units, columns, names []string
	for _, u := range unmapped {
		units = append(units, u.unit)
		columns = append(columns, u.column)
		names = append(names, u.name)
	}
	l.exec("record unmapped columns", `INSERT INTO findings
		SELECT $1, unit_id, 'unmapped_column', column_id, min(name)
		FROM (SELECT unnest($2::VARCHAR[]) AS unit_id, unnest($3::VARCHAR[]) AS column_id, unnest($4::VARCHAR[]) AS name)
		GROUP BY unit_id, column_id`,
		l.run, units, columns, names)
	for _, q := range historyFindings {
		l.exec("find back-dated items and selector drift", q, l.run)
	}
}
