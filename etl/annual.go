package etl

import (
	"os"

	"github.com/gongkai/gongkai/landing"
)

// annualColumns is the column spec of annual.ndjson.gz.
var annualColumns = []string{
	`'run_id': 'VARCHAR'`, `'unit_id': 'VARCHAR'`, `'column_id': 'VARCHAR'`, `'url': 'VARCHAR'`,
	`'canonical_url': 'VARCHAR'`, `'title': 'VARCHAR'`, `'year': 'INTEGER'`, `'published': ` + dateType,
	`'status': 'VARCHAR'`,
	`'cells': 'STRUCT(section VARCHAR, "row" VARCHAR, col VARCHAR, value DOUBLE, valid BOOLEAN, blank BOOLEAN, raw VARCHAR, "where" VARCHAR)[]'`,
	`'attachments': 'VARCHAR[]'`, `'images': 'VARCHAR[]'`, `'paragraphs': 'VARCHAR[]'`,
	`'detail_sha256': 'VARCHAR'`, `'seen_at': 'VARCHAR'`,
}

var insertAnnualReports = `INSERT OR REPLACE INTO annual_reports
SELECT $1, unit_id, year, canonical_url, url, column_id, title, ` + day("published") + `, ` + raw("published") + `,
	status, COALESCE(len(cells), 0), COALESCE(len(list_filter(cells, c -> c.blank)), 0),
	attachments, images, paragraphs, ` + null("detail_sha256") + `, ` + localTS("seen_at") + `
FROM ` + readJSON(annualColumns...)

var insertAnnualCells = `INSERT OR REPLACE INTO annual_report_cells
SELECT $1, unit_id, year, canonical_url, c.section, c."row", c.col,
	CASE WHEN c.valid THEN c.value END, c.valid, c.blank, c.raw, c."where"
FROM (SELECT unit_id, year, canonical_url, unnest(cells) AS c FROM ` + readJSON(annualColumns...) + `)`

// loadAnnual stores the run's 年度报告 and marks the columns the
// configuration calls 年报 columns. Units without a report read have no
// annual file.
func (l *loader) loadAnnual(run *landing.Run, units []landing.Unit, done []string) {
	l.clear("annual_report_cells", `run_id = $1`, run.ID)
	l.clear("annual_reports", `run_id = $1`, run.ID)
	var files []string
	for _, u := range done {
		p := run.UnitPath(u, landing.FileAnnual)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	if len(files) > 0 {
		l.exec("load annual reports", insertAnnualReports, run.ID, files)
		l.exec("load annual report cells", insertAnnualCells, run.ID, files)
	}
	for _, u := range units {
		for _, c := range u.Columns {
			if c.AnnualReport {
				l.exec("mark annual column", `UPDATE columns SET annual_report = true
					WHERE unit_id = $1 AND column_id = $2 AND last_run = $3`, u.ID, c.ID, run.ID)
			}
		}
	}
}
