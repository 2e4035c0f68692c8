package etl

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOpenMigrates(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "g.duckdb")
	s := openStore(t, path)
	ms, err := Migrations()
	check(t, err)
	var want []string
	for _, m := range ms {
		want = append(want, m.Name)
	}
	got := queryRows(t, s.DB(), `SELECT name FROM schema_migrations ORDER BY name`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("applied migrations (-want +got):\n%s", diff)
	}
	check(t, s.Close())

	// Opening again applies nothing twice.
	s = openStore(t, path)
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM schema_migrations`); n != len(ms) {
		t.Errorf("schema_migrations rows = %d, want %d", n, len(ms))
	}
}

func TestOpenUpgradesOlderFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	ctx := context.Background()
	ms, err := Migrations()
	check(t, err)
	// A file made when only 001 existed, with a row in it.
	db, err := sql.Open("duckdb", path)
	check(t, err)
	_, err = db.Exec(createMigrations)
	check(t, err)
	check(t, apply(ctx, db, ms[0]))
	_, err = db.Exec(`INSERT INTO units VALUES ('jyj', '市教育局', '部门', '部门', NULL, true, 'r1')`)
	check(t, err)
	check(t, db.Close())

	s := openStore(t, path)
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM schema_migrations`); n != len(ms) {
		t.Errorf("schema_migrations rows = %d, want %d", n, len(ms))
	}
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM information_schema.columns
		WHERE table_name = 'item_observations' AND column_name = 'links'`); n != 1 {
		t.Error("item_observations.links missing after upgrade")
	}
	if got := queryRows(t, s.DB(), `SELECT unit_id, name FROM units`); len(got) != 1 || got[0] != "jyj | 市教育局" {
		t.Errorf("units after upgrade = %q", got)
	}
}

func TestOpenReadOnlyRefusesWrites(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "g.duckdb")
	s := openStore(t, path)
	check(t, s.Close())
	db, err := OpenReadOnly(context.Background(), path)
	check(t, err)
	defer db.Close()
	_, err = db.Exec(`DELETE FROM calendar`)
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "read-only") {
		t.Errorf("write on a read-only handle: err = %v", err)
	}
}
