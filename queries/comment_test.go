package queries

import (
	"context"
	"strings"
	"testing"
)

// publicMacros lists the macros an analyst sees in duckdb_functions(),
// with their comments.
func publicMacros(t *testing.T) map[string]string {
	t.Helper()
	db := openStore(t)
	rows, err := db.QueryContext(context.Background(), `
SELECT DISTINCT function_name, coalesce(comment, '')
FROM duckdb_functions()
WHERE NOT internal AND function_type IN ('macro', 'table_macro') AND schema_name = 'main'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, comment string
		if err := rows.Scan(&name, &comment); err != nil {
			t.Fatal(err)
		}
		out[name] = comment
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Every public macro says in the store what it returns and what it takes.
func TestPublicMacrosHaveComments(t *testing.T) {
	macros := publicMacros(t)
	n := 0
	for name, comment := range macros {
		if strings.HasPrefix(name, "gk_") {
			continue // internal helpers
		}
		n++
		if strings.TrimSpace(comment) == "" {
			t.Errorf("%s: no COMMENT ON MACRO", name)
		}
	}
	for _, m := range List() {
		c, ok := macros[m.Name]
		if !ok {
			t.Errorf("%s: not installed in schema main", m.Name)
			continue
		}
		if !strings.Contains(c, m.Description) || !strings.Contains(c, "period_from") {
			t.Errorf("%s: comment %q lacks the catalogue's description or the arguments", m.Name, c)
		}
	}
	if n < len(List()) {
		t.Errorf("%d public macros, fewer than the %d of the catalogue", n, len(List()))
	}
}

// The helpers live in schema gk (etl's verdict-deriving ones too); schema
// main holds only the public macros. A
// file from an older version, with the helpers in main, loses them there
// when the macros are installed again.
func TestHelpersApart(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const helpers = `SELECT count(DISTINCT function_name) FROM duckdb_functions()
WHERE NOT internal AND function_type IN ('macro', 'table_macro') AND `
	if n := count(helpers + `schema_name = 'gk'`); n < 50 {
		t.Errorf("%d helper macros in schema gk, want the 60 or so of queries/sql", n)
	}
	stray := helpers + `schema_name = 'main' AND function_name LIKE 'gk\_%' ESCAPE '\'`
	if n := count(stray); n != 0 {
		t.Errorf("%d gk_ helper macros in schema main", n)
	}
	// An older file: helpers in main, one of them a table macro.
	for _, q := range []string{
		`CREATE MACRO main.gk_wd(a, b) AS 0`,
		`CREATE MACRO main.gk_items(as_of) AS TABLE SELECT 1 AS x`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := Install(ctx, db); err != nil {
		t.Fatal(err)
	}
	if n := count(stray); n != 0 {
		t.Errorf("%d gk_ helper macros left in schema main after Install", n)
	}
}
