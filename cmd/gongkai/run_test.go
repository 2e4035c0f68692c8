package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
)

// TestMonthlyRunTwice runs the monthly batch on the farm, then on the same
// farm one month on, and checks that the second month's database and
// workbook show the new month as the truth has it.
func TestMonthlyRunTwice(t *testing.T) {
	ctx := context.Background()
	farm, cfgPath := farmWithConfig(t, sitefarm.Options{Seed: 1, Units: 8, AsOf: farmAsOf})
	dir := filepath.Dir(cfgPath)

	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "run", "--config", cfgPath, "--period", "2026-10"); code != 0 {
		t.Fatalf("first run: exit %d\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	oct := filepath.Join(dir, "data", "reports", "政务公开考核_2026-10.xlsx")
	octFrom := time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai)
	octTo := time.Date(2026, 10, 31, 0, 0, 0, 0, shanghai)
	normal := farm.Truth()
	checkWorkbookCounts(t, oct, normal, expectedCounts(normal, octFrom, octTo))

	farm.SetLater(true)
	later := farm.Truth()
	te2 := newTestEnv(t, farmAsOf.AddDate(0, 1, 0))
	if code := te2.run(ctx, "run", "--config", cfgPath); code != 0 {
		t.Fatalf("second run: exit %d\n%s\n%s", code, te2.out.String(), te2.errOut.String())
	}
	if !strings.Contains(te2.out.String(), "period 2026-11") {
		t.Errorf("second run without --period should report the month before its clock (2026-11):\n%s", te2.out.String())
	}
	nov := filepath.Join(dir, "data", "reports", "政务公开考核_2026-11.xlsx")
	novFrom := time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai)
	novTo := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	wantNov := expectedCounts(later, novFrom, novTo)
	if len(wantNov) == 0 {
		t.Fatal("the later farm publishes nothing in November; the test would prove nothing")
	}
	checkWorkbookCounts(t, nov, later, wantNov)

	db, err := etl.OpenReadOnly(ctx, filepath.Join(dir, "data", "gongkai.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var runs int
	if err := db.QueryRow(`SELECT count(*) FROM runs WHERE complete`).Scan(&runs); err != nil {
		t.Fatal(err)
	}
	if runs != 2 {
		t.Errorf("runs in the database = %d, want 2", runs)
	}
	// October as collected on 2026-11-01 stays what it was: the later run
	// does not rewrite a past month's numbers (its back-dated October post
	// was not there when October was collected).
	if diff := cmp.Diff(expectedCounts(normal, octFrom, octTo), dbCounts(t, db, octFrom, octTo)); diff != "" {
		t.Errorf("October after the second run (-truth +database):\n%s", diff)
	}
}

func TestRunLockRefusesSecondBatch(t *testing.T) {
	dir := t.TempDir()
	release, err := acquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if _, err := acquireLock(dir); !errors.Is(err, errLocked) {
		t.Fatalf("second lock: %v, want errLocked", err)
	}
	release()
	again, err := acquireLock(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again()
}
