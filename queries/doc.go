// Package queries owns the metric SQL: one embedded file per metric in
// sql/, each a DuckDB table macro taking (period_from, period_to,
// cutoff := NULL; the 年度报告 macros take the report's year instead),
// installed into the store so the workbook, the query
// command and an analyst run the same SQL. It also runs a metric with bound
// parameters and writes a result as text, CSV or JSON.
//
// It reads the store tables (etl/schema) and the rule_* tables (rules) and
// never writes to them, except that Install puts the built-in rules in a
// store that has none.
package queries
