// Package rules owns the assessment rules file: thresholds, deadlines,
// update classes, vetoes, early warnings, scorecard weights and publish
// targets (rules/2026.yaml is the built-in default), its parser, and writing
// a rule set into the store's rule_* tables (etl/schema/002_rules.sql).
//
// It does not compute any metric: the SQL in queries reads the rule_*
// tables. It must not touch the crawl or the loaded data.
package rules
