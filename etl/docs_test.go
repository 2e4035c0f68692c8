package etl

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// docColumn is one row of a table's column list in docs/schema.md.
type docColumn struct{ Type, Meaning string }

// readSchemaDoc parses the "## Tables" section of docs/schema.md: per
// table, its description (the first paragraph) and its columns.
func readSchemaDoc(t *testing.T) (tables map[string]string, columns map[string]map[string]docColumn) {
	t.Helper()
	b, err := os.ReadFile("../docs/schema.md")
	check(t, err)
	doc := string(b)
	start, end := strings.Index(doc, "\n## Tables\n"), strings.Index(doc, "\n## Macros\n")
	if start < 0 || end < start {
		t.Fatal("docs/schema.md: no ## Tables … ## Macros section")
	}
	row := regexp.MustCompile(`^\| ([a-z_0-9]+) \| ([A-Z\[\]]+) \| (.*) \|$`)
	tables = map[string]string{}
	columns = map[string]map[string]docColumn{}
	for _, block := range strings.Split(doc[start:end], "\n### ")[1:] {
		lines := strings.Split(block, "\n")
		name := strings.TrimSpace(lines[0])
		columns[name] = map[string]docColumn{}
		for _, l := range lines[1:] {
			if tables[name] == "" && strings.TrimSpace(l) != "" {
				tables[name] = strings.TrimSpace(l)
			}
			if m := row.FindStringSubmatch(l); m != nil {
				columns[name][m[1]] = docColumn{m[2], m[3]}
			}
		}
	}
	return tables, columns
}

// TestSchemaDocs keeps docs/schema.md and the comments stored in the
// database equal, and both complete: every table of the store and every
// column, with its type; a table docs/schema.md omits fails it.
func TestSchemaDocs(t *testing.T) {
	t.Parallel()
	docTables, docColumns := readSchemaDoc(t)
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	// Every table of the store, the rule tables and schema_migrations too.
	owned := `schema_name = 'main'`
	dbTables := map[string]string{}
	for _, r := range queryRows(t, s.DB(), `SELECT table_name, COALESCE(comment, '') FROM duckdb_tables() WHERE `+owned) {
		name, comment, _ := strings.Cut(r, " | ")
		dbTables[name] = comment
	}
	if diff := cmp.Diff(docTables, dbTables); diff != "" {
		t.Errorf("table descriptions (-docs +database):\n%s", diff)
	}
	dbColumns := map[string]map[string]docColumn{}
	for _, r := range queryRows(t, s.DB(), `SELECT table_name, column_name, data_type, COALESCE(comment, '')
		FROM duckdb_columns() WHERE `+owned+` AND table_name IN (SELECT table_name FROM duckdb_tables())`) {
		p := strings.SplitN(r, " | ", 4)
		if dbColumns[p[0]] == nil {
			dbColumns[p[0]] = map[string]docColumn{}
		}
		dbColumns[p[0]][p[1]] = docColumn{p[2], p[3]}
	}
	if diff := cmp.Diff(docColumns, dbColumns); diff != "" {
		t.Errorf("columns (-docs +database):\n%s", diff)
	}
}
