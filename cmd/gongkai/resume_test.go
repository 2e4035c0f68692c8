package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
)

// smallFarm starts a farm of a few units and writes its config; it returns
// the farm and the config's path.
func smallFarm(tb testing.TB, units int) (*sitefarm.Farm, string) {
	tb.Helper()
	farm := sitefarm.New(sitefarm.Options{Seed: 1, Units: units, AsOf: farmAsOf})
	if err := farm.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(farm.Close)
	var buf bytes.Buffer
	if err := writeFarmConfig(&buf, farm.Truth(), "data"); err != nil {
		tb.Fatal(err)
	}
	cfgPath := filepath.Join(tb.TempDir(), "gongkai.yaml")
	if err := os.WriteFile(cfgPath, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return farm, cfgPath
}

// A batch stopped after its crawl finished (in the load, publish or report)
// is finished by run --resume: load, publish and report, for the period
// the crawl was made for.
func TestResumeAfterCrawlFinished(t *testing.T) {
	ctx := context.Background()
	farm, cfgPath := smallFarm(t, 2)
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "crawl", "--config", cfgPath, "--period", "2026-10"); code != 0 {
		t.Fatalf("crawl: exit %d\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	// A stale workbook temporary left by a killed report goes away.
	reports := filepath.Join(filepath.Dir(cfgPath), "data", "reports")
	if err := os.MkdirAll(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(reports, ".gongkai-123.xlsx")
	if err := os.WriteFile(stale, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}

	te2 := newTestEnv(t, farmAsOf)
	if code := te2.run(ctx, "run", "--config", cfgPath, "--resume"); code != 0 {
		t.Fatalf("run --resume: exit %d\n%s\n%s", code, te2.out.String(), te2.errOut.String())
	}
	if !strings.Contains(te2.out.String(), "going on with load, publish and report") {
		t.Errorf("output does not say what resume does:\n%s", te2.out.String())
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale workbook temporary left: %v", err)
	}
	// The period came from the crawl run, not from the clock (whose
	// previous month is 2026-10 too, so ask for the workbook by name).
	book := filepath.Join(reports, "政务公开考核_2026-10.xlsx")
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 10, 31, 0, 0, 0, 0, shanghai)
	want := expectedCounts(farm.Truth(), from, to)
	checkWorkbookCounts(t, book, farm.Truth(), want)
	db, err := etl.OpenReadOnly(ctx, filepath.Join(filepath.Dir(cfgPath), "data", "gongkai.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if diff := cmp.Diff(want, dbCounts(t, db, from, to)); diff != "" {
		t.Errorf("published counts (-truth +database):\n%s", diff)
	}
}
