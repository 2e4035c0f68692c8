package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/etl"
)

// A damaged published database is refused with the command that recovers,
// and that command (load --rebuild) brings back every number.
func TestDamagedDatabaseRebuilt(t *testing.T) {
	ctx := context.Background()
	farm, cfgPath := smallFarm(t, 1)
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "crawl", "--config", cfgPath, "--period", "2026-10"); code != 0 {
		t.Fatalf("crawl: exit %d\n%s", code, te.errOut.String())
	}
	if code := te.run(ctx, "load", "--config", cfgPath); code != 0 {
		t.Fatalf("load: exit %d\n%s", code, te.errOut.String())
	}
	dbPath := filepath.Join(filepath.Dir(cfgPath), "data", "gongkai.duckdb")
	// Flip bytes in the first 256 KiB block after DuckDB's three 4 KiB
	// headers: it holds the catalog.
	b, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for i := 3*4096 + 128<<10; i < 3*4096+128<<10+64; i++ {
		b[i] ^= 0xFF
	}
	if err := os.WriteFile(dbPath, b, 0o644); err != nil {
		t.Fatal(err)
	}

	te2 := newTestEnv(t, farmAsOf)
	code := te2.run(ctx, "load", "--config", cfgPath)
	if code != exitFailure || !strings.Contains(te2.errOut.String(), "damaged") ||
		!strings.Contains(te2.errOut.String(), "Try: gongkai load --rebuild --config "+cfgPath) {
		t.Fatalf("load on a damaged database: exit %d, stderr:\n%s", code, te2.errOut.String())
	}
	te3 := newTestEnv(t, farmAsOf)
	if code := te3.run(ctx, "load", "--config", cfgPath, "--rebuild"); code != 0 {
		t.Fatalf("load --rebuild: exit %d\n%s", code, te3.errOut.String())
	}
	db, err := etl.OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 12, 31, 0, 0, 0, 0, shanghai)
	if diff := cmp.Diff(expectedCounts(farm.Truth(), from, to), dbCounts(t, db, from, to)); diff != "" {
		t.Errorf("rebuilt counts (-truth +database):\n%s", diff)
	}
}
