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
