package etl

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestOneZone: a file written before every timestamp was Asia/Shanghai
// (migration records in a UTC session, a rule set stamped in UTC) holds
// Asia/Shanghai wall time after it is opened, and new records too.
func TestOneZone(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	ctx := context.Background()
	ms, err := Migrations()
	check(t, err)
	db, err := sql.Open("duckdb", path)
	check(t, err)
	db.SetMaxOpenConns(1) // one session, so SET TimeZone holds
	_, err = db.Exec(`SET TimeZone = 'UTC'`)
	check(t, err)
	_, err = db.Exec(createMigrations)
	check(t, err)
	for _, m := range ms {
		if m.Name >= "040" {
			break
		}
		check(t, apply(ctx, db, m))
	}
	_, err = db.Exec(`UPDATE schema_migrations SET applied_at = TIMESTAMP '2026-03-01 16:30:00' WHERE name = '001_init.sql'`)
	check(t, err)
	_, err = db.Exec(`INSERT INTO rule_sets VALUES ('v1', 2026, 'built-in', '', TIMESTAMP '2026-03-01 16:30:00')`)
	check(t, err)
	check(t, db.Close())

	s := openStore(t, path)
	for _, q := range []string{
		`SELECT CAST(applied_at AS VARCHAR) FROM schema_migrations WHERE name = '001_init.sql'`,
		`SELECT CAST(installed_at AS VARCHAR) FROM rule_sets WHERE version = 'v1'`,
	} {
		if got := queryRows(t, s.DB(), q); len(got) != 1 || got[0] != "2026-03-02 00:30:00" {
			t.Errorf("%s = %q, want 2026-03-02 00:30:00 (16:30 UTC)", q, got)
		}
	}
	// Rows written after the change: Asia/Shanghai, whatever the session's
	// zone. Compared with the database's own clock in that zone, so the
	// check is of the zone (8 hours), not of timing.
	conn, err := s.DB().Conn(ctx)
	check(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `SET TimeZone = 'UTC'`)
	check(t, err)
	_, err = conn.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (999, 'zz_probe.sql')`)
	check(t, err)
	var off float64
	check(t, conn.QueryRowContext(ctx, `SELECT abs(epoch(applied_at) - epoch(timezone('Asia/Shanghai', current_timestamp)))
		FROM schema_migrations WHERE name = 'zz_probe.sql'`).Scan(&off))
	if off > 3600 {
		t.Errorf("a new applied_at is %.0f s from Asia/Shanghai time, want the same zone", off)
	}
}
