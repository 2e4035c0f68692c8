package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
)

// A database published by another build (here: one whose ranking macro and
// macro-set record are gone, as in a file from before they existed) is
// published again with this build's macros before it is read, so a report
// works instead of failing halfway on a missing macro.
func TestOlderDatabasePublishedAgain(t *testing.T) {
	ctx := context.Background()
	_, cfgPath := smallFarm(t, 1)
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "crawl", "--config", cfgPath, "--period", "2026-10"); code != 0 {
		t.Fatalf("crawl: exit %d\n%s", code, te.errOut.String())
	}
	if code := te.run(ctx, "load", "--config", cfgPath); code != 0 {
		t.Fatalf("load: exit %d\n%s", code, te.errOut.String())
	}
	dbPath := filepath.Join(filepath.Dir(cfgPath), "data", "gongkai.duckdb")
	st, err := etl.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP MACRO TABLE sheet_ranking`, `DROP TABLE gk.macro_set`} {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	te2 := newTestEnv(t, farmAsOf)
	if code := te2.run(ctx, "report", "--config", cfgPath, "--period", "2026-10", "--per-unit=false"); code != 0 {
		t.Fatalf("report on an older database: exit %d\n%s", code, te2.errOut.String())
	}
	if !strings.Contains(te2.errOut.String(), "publishing the database again") {
		t.Errorf("the re-publish was not said; stderr:\n%s", te2.errOut.String())
	}
	db, err := etl.OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fp, err := queries.Installed(ctx, db)
	if err != nil || fp != queries.Fingerprint() {
		t.Errorf("macro set after the report: %q, %v; want %q", fp, err, queries.Fingerprint())
	}
	// Now current: a second report publishes nothing.
	te3 := newTestEnv(t, farmAsOf)
	if code := te3.run(ctx, "report", "--config", cfgPath, "--period", "2026-10", "--per-unit=false"); code != 0 {
		t.Fatalf("second report: exit %d\n%s", code, te3.errOut.String())
	}
	if strings.Contains(te3.errOut.String(), "publishing the database again") {
		t.Errorf("a current database was published again; stderr:\n%s", te3.errOut.String())
	}
}
