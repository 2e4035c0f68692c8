// Package reports writes the Excel workbooks: the leaders' scorecard, one
// 问题清单 per unit, and plain table exports.
//
// Every number in a workbook comes from the metric SQL of package queries,
// run on the published database; reports only lays the rows out (sheets,
// headers, styles, conditional formats, charts, hyperlinks, print setup)
// and never recomputes a metric in Go. Totals that a sheet shows beyond the
// metric rows (合计 rows, chart series) are asked of DuckDB as well.
//
// Crawled text is always written as a string cell, never as a formula;
// text over Excel's cell limit is cut with a marker; sheet and file names
// are made safe for any unit name; only http(s) URLs become hyperlinks,
// at most 65,530 per sheet.
//
// The package reads the database and writes .xlsx files. It must not touch
// the crawler, the landing files or the schema, and it must not change the
// database.
package reports
