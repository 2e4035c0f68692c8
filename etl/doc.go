// Package etl owns the DuckDB store: the schema and its migrations
// (schema/*.sql, embedded), loading crawl runs from the landing format,
// the working-day calendar, the mapping of column names to standard
// categories, data-quality findings, the letters' texts and their key
// terms (segmented with gse at load time, terms.go), and publishing a new
// database file atomically next to one that analysts may hold open.
//
// Loading is DuckDB SQL over the landing files (read_json), one
// transaction per run. Per-run facts (observations, column and page
// records) are replaced run by run; the current state of items, letters
// and links is recomputed from all observations of the units a run
// touches, so loading a run twice, or runs out of order, gives the same
// tables. Crawled text only ever reaches DuckDB as data, never as SQL.
//
// The package reads landing files and writes DuckDB files. It knows
// nothing of HTTP, crawling, metric definitions (package queries owns the
// metric SQL and schema/002_rules.sql) or reports.
package etl
