package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
)

// TestEverySiteDown: after a good monthly run on the farm, a run in which
// every site is down (the config points at a closed port on 127.0.0.1)
// exits 1, says no grade changed, and leaves every grade of the published
// file as it was: the failed run is loaded but is never a default cutoff.
func TestEverySiteDown(t *testing.T) {
	ctx := context.Background()
	_, cfgPath := farmWithConfig(t, sitefarm.Options{Seed: 1, Units: 4, AsOf: farmAsOf})
	dir := filepath.Dir(cfgPath)
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "run", "--config", cfgPath, "--period", "2026-10", "--per-unit=false"); code != 0 {
		t.Fatalf("good run: exit %d\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	dbPath := filepath.Join(dir, "data", "gongkai.duckdb")
	periods := [][2]time.Time{
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)},
	}
	before := publishedScores(t, dbPath, periods)

	// Every site down: the same units, every address on a port nobody
	// listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	good, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	down := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).ReplaceAll(good, []byte("http://"+closed))
	if bytes.Equal(down, good) {
		t.Fatal("the farm config has no 127.0.0.1 address to take down")
	}
	downPath := filepath.Join(dir, "down.yaml")
	if err := os.WriteFile(downPath, down, 0o644); err != nil {
		t.Fatal(err)
	}
	// The farm config's output dir is relative to the config file: both
	// configs share the landing root and the database.
	te2 := newTestEnv(t, farmAsOf.AddDate(0, 0, 1))
	if code := te2.run(ctx, "run", "--config", downPath, "--period", "2026-10", "--per-unit=false"); code != 1 {
		t.Fatalf("run with every site down: exit %d, want 1\n%s\n%s", code, te2.out.String(), te2.errOut.String())
	}
	if out := te2.out.String(); !strings.Contains(out, "no grade for 2026-10 (") || !strings.Contains(out, "changed against the previous publish") {
		t.Errorf("summary should say no grade changed:\n%s", te2.out.String())
	}
	if !strings.Contains(te2.errOut.String(), "every unit failed") {
		t.Errorf("stderr should say every unit failed:\n%s", te2.errOut.String())
	}
	after := publishedScores(t, dbPath, periods)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("grades changed by a run with every site down (-before +after):\n%s", diff)
	}
	db, err := etl.OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var runs, defaults, failed int
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE default_cutoff), max(sources_failed) FROM runs`).Scan(&runs, &defaults, &failed); err != nil {
		t.Fatal(err)
	}
	if runs != 2 || defaults != 1 || failed == 0 {
		t.Errorf("runs = %d, default cutoffs = %d, most sources failed in a run = %d; want 2 runs, 1 default, the down run's sources failed", runs, defaults, failed)
	}

	// gongkai crawl alone exits 1 too.
	te3 := newTestEnv(t, farmAsOf.AddDate(0, 0, 2))
	if code := te3.run(ctx, "crawl", "--config", downPath); code != 1 {
		t.Errorf("crawl with every site down: exit %d, want 1\n%s", code, te3.errOut.String())
	}
}

// publishedScores renders every unit's grade, total and parts of each
// period from the published file.
func publishedScores(t *testing.T, path string, periods [][2]time.Time) []string {
	t.Helper()
	ctx := context.Background()
	db, err := etl.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, p := range periods {
		sc, err := queries.Run(ctx, db, "scorecard", p[0], p[1], nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sc.Rows {
			var parts []string
			for _, c := range []string{"unit_id", "grade", "total", "publish_points", "maintenance_points", "interaction_points", "vetoes", "cutoff"} {
				parts = append(parts, fmt.Sprint(r[sc.Column(c)]))
			}
			out = append(out, p[0].Format("2006-01")+" "+strings.Join(parts, " "))
		}
	}
	if len(out) == 0 {
		t.Fatal("no scores to compare")
	}
	return out
}
