package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
	"github.com/gongkai/gongkai/rules"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// Files returns the names of the embedded SQL files, in install order.
func Files() []string {
	names, _ := fs.Glob(sqlFiles, "sql/*.sql")
	sort.Strings(names)
	return names
}

// Source returns the text of an embedded SQL file (as named by Files).
func Source(name string) (string, error) {
	b, err := sqlFiles.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return string(b), nil
}

// Install creates (or replaces) every metric macro in db. It is idempotent.
// The store must have the tables of etl/schema; when rule_sets is empty the
// built-in rules are installed so the macros have thresholds to read.
func Install(ctx context.Context, db *sql.DB) error {
	if err := dropMovedHelpers(ctx, db); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, verdictLabelSQL()); err != nil {
		return fmt.Errorf("install verdict_label: %w", err)
	}
	for _, name := range Files() {
		src, err := Source(name)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, src); err != nil {
			return fmt.Errorf("install %s: %w", name, err)
		}
	}
	for _, m := range metrics {
		if _, err := db.ExecContext(ctx, commentSQL(m)); err != nil {
			return fmt.Errorf("comment on %s: %w", m.Name, err)
		}
	}
	if err := recordFingerprint(ctx, db); err != nil {
		return err
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM rule_sets").Scan(&n); err != nil {
		return fmt.Errorf("count rule sets: %w", err)
	}
	if n == 0 {
		r, err := rules.Default(0)
		if err != nil {
			return err
		}
		r.Note = ""
		if err := rules.Install(ctx, db, r); err != nil {
			return err
		}
	}
	return nil
}

// verdictLabelSQL defines verdict_label(verdict) and outcome_label(outcome),
// domain.VerdictLabel and landing.OutcomeLabel in SQL, from their one lists.
func verdictLabelSQL() string {
	var b strings.Builder
	b.WriteString("CREATE OR REPLACE MACRO verdict_label(verdict) AS CASE verdict")
	for _, v := range domain.Verdicts {
		fmt.Fprintf(&b, " WHEN '%s' THEN '%s'", v, domain.VerdictLabel(v))
	}
	b.WriteString(" ELSE verdict END;\n")
	b.WriteString("COMMENT ON MACRO verdict_label IS 'Chinese name of a source verdict (complete → 完整 …), as the workbooks print it.';\n")
	b.WriteString("CREATE OR REPLACE MACRO outcome_label(outcome) AS CASE outcome")
	for _, l := range landing.OutcomeLabels {
		fmt.Fprintf(&b, " WHEN '%s' THEN '%s'", l.Outcome, l.Label)
	}
	b.WriteString(" ELSE outcome END;\n")
	b.WriteString("COMMENT ON MACRO outcome_label IS 'Chinese name of a page or column crawl outcome (ok → 成功 …), as the workbooks print it.';\n")
	return b.String()
}

// commentSQL describes a catalogue macro in the store from its catalogue
// entry, so `query --list`, the docs' one-liners and duckdb_functions()
// say the same thing.
func commentSQL(m Metric) string {
	c := m.Title + ": " + m.Description
	if m.Sheet != "" {
		c += " The rows of the " + m.Sheet + " sheet, in its order."
	}
	c += " Arguments: period_from, period_to DATE; cutoff := DATE (NULL: the cutoff of the first good run after period_to; see docs/metrics.md)."
	return "COMMENT ON MACRO TABLE " + m.Name + " IS '" + strings.ReplaceAll(c, "'", "''") + "'"
}

// helperDef finds a helper macro defined in schema gk.
var helperDef = regexp.MustCompile(`CREATE OR REPLACE MACRO gk\.([a-z0-9_]+)\(`)

// dropMovedHelpers drops from schema main the helpers that older versions
// installed there as gk_name and that now live in schema gk as gk.name, so
// an upgraded file lists only the public macros in main.
func dropMovedHelpers(ctx context.Context, db *sql.DB) error {
	moved := map[string]bool{}
	for _, name := range Files() {
		src, err := Source(name)
		if err != nil {
			return err
		}
		for _, m := range helperDef.FindAllStringSubmatch(src, -1) {
			moved["gk_"+m[1]] = true
		}
	}
	if len(moved) == 0 {
		return nil
	}
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT function_name, function_type FROM duckdb_functions()
WHERE schema_name = 'main' AND NOT internal AND function_type IN ('macro', 'table_macro') AND function_name LIKE 'gk\_%' ESCAPE '\'`)
	if err != nil {
		return fmt.Errorf("list old helpers: %w", err)
	}
	var drops []string
	for rows.Next() {
		var name, kind string
		if err := rows.Scan(&name, &kind); err != nil {
			rows.Close()
			return fmt.Errorf("list old helpers: %w", err)
		}
		if moved[name] {
			if kind == "table_macro" {
				drops = append(drops, "DROP MACRO TABLE IF EXISTS main."+name)
			} else {
				drops = append(drops, "DROP MACRO IF EXISTS main."+name)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list old helpers: %w", err)
	}
	for _, d := range drops {
		if _, err := db.ExecContext(ctx, d); err != nil {
			return fmt.Errorf("drop old helper: %w", err)
		}
	}
	return nil
}
