package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/landing"
)

func TestGoalsTable(t *testing.T) {
	b := &bench{goals: goalList()}
	b.rows = []row{
		{Stage: "crawl", Tool: "gongkai", Amount: 1000, Seconds: 2, CPU: 3, PeakKiB: 60 << 10, Base: true},
		{Stage: "crawl", Tool: "scrapy", Amount: 1000, Seconds: 20, CPU: 20, PeakKiB: 90 << 10},
		{Stage: "crawl", Tool: "floor", Amount: 1000, Seconds: 1, CPU: 1, PeakKiB: 50 << 10, Floor: true},
	}
	b.crawlGoals()
	got := goalsTable(b.goals)
	for _, want := range []string{
		"| crawl: pages/s against the floor's | ≥ 80 % | 50 % (500 against 1,000 pages/s) | not met |",
		"| crawl: CPU per page against the floor's | ≤ 1.5× | 3.00× (3.000 against 1.000 ms) | not met |",
		"| crawl: peak RSS | ≤ 64 MiB | 60 MiB | met |",
		"| crawl: peak RSS of the big crawl against the default crawl's | ≤ 1.10× | — | not measured (needs -big-items) |",
		"| end to end: gongkai run | < 20 s | — | not measured (needs e2e stage) |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("goals table lacks\n%s\ngot:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != len(goalList())+2 {
		t.Errorf("goals table has %d lines, want %d", n, len(goalList())+2)
	}
}

// Without a floor row a stage's goals stay unmeasured, never met.
func TestGoalsNeedTheFloor(t *testing.T) {
	b := &bench{goals: goalList()}
	b.rows = []row{{Stage: "crawl", Tool: "gongkai", Amount: 1000, Seconds: 2, CPU: 3, PeakKiB: 1, Base: true}}
	b.crawlGoals()
	for _, g := range b.goals {
		if g.Figure != "" || g.Met {
			t.Errorf("goal %s measured without a floor: %q met=%t", g.ID, g.Figure, g.Met)
		}
	}
}

func TestMonthlyRuns(t *testing.T) {
	src, err := landing.CreateRun(t.TempDir(), "r20261101T020000Z")
	if err != nil {
		t.Fatal(err)
	}
	if err := src.WriteManifest(landing.Manifest{RunID: src.ID, Period: "2026-10", Cutoff: "2026-11-01", Complete: true}); err != nil {
		t.Fatal(err)
	}
	unitFile := src.UnitPath("u1", landing.FileItems)
	if err := os.MkdirAll(filepath.Dir(unitFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(unitFile, []byte("items"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	ids, err := monthlyRuns(src.Dir, root, time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"r20260831T200000Z", "r20260930T200000Z", "r20261031T200000Z"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Fatalf("run IDs (-want +got):\n%s", diff)
	}
	listed, err := landing.ListRuns(root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, listed); diff != "" {
		t.Errorf("runs under the root (-want +got):\n%s", diff)
	}
	var got [][2]string
	for _, id := range ids {
		r, err := landing.OpenRun(root, id)
		if err != nil {
			t.Fatal(err)
		}
		m, err := r.ReadManifest()
		if err != nil {
			t.Fatal(err)
		}
		if m.RunID != id || !m.Complete {
			t.Errorf("run %s: manifest names %s, complete %t", id, m.RunID, m.Complete)
		}
		got = append(got, [2]string{m.Period, m.Cutoff})
		data, err := os.ReadFile(r.UnitPath("u1", landing.FileItems))
		if err != nil || string(data) != "items" {
			t.Errorf("run %s: unit file %q, %v", id, data, err)
		}
	}
	wantMonths := [][2]string{{"2026-08", "2026-08-31"}, {"2026-09", "2026-09-30"}, {"2026-10", "2026-10-31"}}
	if diff := cmp.Diff(wantMonths, got); diff != "" {
		t.Errorf("periods and cutoffs (-want +got):\n%s", diff)
	}
}

func TestScaleTable(t *testing.T) {
	got := scaleTable([2]int{100, 10000}, scaleTimes(
		map[string]any{"a": 0.01, "b": 0.5},
		map[string]any{"a": 0.2, "b": 40.0}))
	want := "| metric macro | 100 units (s) | 10,000 units (s) | growth |\n| --- | ---: | ---: | ---: |\n" +
		"| b | 0.500 | 40.000 | 80.0× |\n| a | 0.010 | 0.200 | 20.0× |\n"
	if got != want {
		t.Errorf("scale table:\n%s\nwant:\n%s", got, want)
	}
}
