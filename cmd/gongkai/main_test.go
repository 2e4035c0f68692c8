package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/landing"
)

// testEnv is a CLI environment with captured output and a pinned clock.
type testEnv struct {
	env
	out, errOut bytes.Buffer
}

func newTestEnv(tb testing.TB, now time.Time) *testEnv {
	tb.Helper()
	te := &testEnv{}
	// The clock is pinned the way an operator pins it, through GONGKAI_NOW.
	clock, err := clockFrom(func(k string) string {
		if k == envNow {
			return now.Format(time.RFC3339Nano)
		}
		return ""
	})
	if err != nil {
		tb.Fatal(err)
	}
	te.env = env{stdin: strings.NewReader(""), stdout: &te.out, stderr: &te.errOut, now: clock}
	te.env.log = discardLogger(&te.errOut)
	return te
}

func (te *testEnv) run(ctx context.Context, args ...string) int {
	return te.env.main(ctx, args)
}

// farmAsOf is the demo farm's default "today".
var farmAsOf = time.Date(2026, 11, 1, 10, 0, 0, 0, shanghai)

// expectedCounts computes, from the farm's truth alone, the publish count
// per unit and standard category for items published in [from, to]: each
// item (canonical URL) once per unit, under the category of the first
// column in the unit's column order that lists it, leaving out what only a
// blocked column lists (no crawler can see it).
func expectedCounts(t *sitefarm.Truth, from, to time.Time) map[string]map[string]int {
	want := map[string]map[string]int{}
	for _, u := range t.Units {
		seen := map[string]bool{}
		for _, c := range u.Columns {
			if c.Blocked {
				continue
			}
			for _, it := range c.Items {
				if seen[it.URL] {
					continue
				}
				seen[it.URL] = true
				d := it.PublishDate
				if d.Before(from) || d.After(to) {
					continue
				}
				if want[u.ID] == nil {
					want[u.ID] = map[string]int{}
				}
				want[u.ID][c.Category]++
			}
		}
	}
	return want
}

func dbCounts(tb testing.TB, db *sql.DB, from, to time.Time) map[string]map[string]int {
	tb.Helper()
	rows, err := db.Query(`SELECT unit_id, category, sum(items)::BIGINT FROM publish_counts(?::DATE, ?::DATE) GROUP BY ALL`,
		from.Format("2006-01-02"), to.Format("2006-01-02"))
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	got := map[string]map[string]int{}
	for rows.Next() {
		var unit, cat string
		var n int
		if err := rows.Scan(&unit, &cat, &n); err != nil {
			tb.Fatal(err)
		}
		if n == 0 {
			continue
		}
		if got[unit] == nil {
			got[unit] = map[string]int{}
		}
		got[unit][cat] = n
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return got
}

func TestDemoEndToEnd(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "demo", "--dir", dir); code != 0 {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", code, te.out.String(), te.errOut.String())
	}
	for _, want := range []string{"database:", "reports:"} {
		if !strings.Contains(te.out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, te.out.String())
		}
	}
	// The same farm, built independently, is the ground truth.
	farm := sitefarm.New(sitefarm.Options{Seed: 1, Units: 8, AsOf: farmAsOf})
	truth := farm.Truth()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 12, 31, 0, 0, 0, 0, shanghai)
	want := expectedCounts(truth, from, to)

	dbPath := filepath.Join(dir, "data", "gongkai.duckdb")
	db, err := etl.OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := dbCounts(t, db, from, to)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("per-unit, per-category publish counts (-truth +database):\n%s", diff)
	}
	reportsDir := filepath.Join(dir, "data", "reports")
	entries, err := os.ReadDir(reportsDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if !contains(names, "政务公开考核_2026.xlsx") {
		t.Errorf("reports dir holds %v, want the scorecard 政务公开考核_2026.xlsx", names)
	}
	checkWorkbookCounts(t, filepath.Join(reportsDir, "政务公开考核_2026.xlsx"), truth, want)
	checkQueryCommand(t, filepath.Join(dir, "gongkai.yaml"), want)
	checkEvidenceCommand(t, filepath.Join(dir, "gongkai.yaml"), truth)
	// The demo's farm has late items, stale columns and overdue letters:
	// their 证据 cells link to evidence pages beside the workbook.
	if n := checkEvidenceLinks(t, filepath.Join(reportsDir, "政务公开考核_2026.xlsx"), filepath.Join(dir, "data", "landing")); n == 0 {
		t.Error("the scorecard links to no evidence page")
	}
}

// checkEvidenceCommand writes the evidence page of one item's detail page
// by its address: the file is named by the snapshot's hash, that hash is the
// stored page's, and the page shows the unit and the item's title.
func checkEvidenceCommand(t *testing.T, cfgPath string, truth *sitefarm.Truth) {
	t.Helper()
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	// The first detail page the crawl fetched, found in the truth (built
	// without the demo's ports) by its path.
	db, err := etl.OpenReadOnly(context.Background(), cfg.DatabasePath())
	if err != nil {
		t.Fatal(err)
	}
	var pageURL string
	err = db.QueryRow(`SELECT url FROM page_attempts WHERE kind = 'detail' AND outcome = 'ok' ORDER BY url LIMIT 1`).Scan(&pageURL)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	var it *sitefarm.Item
	var unit string
	for _, u := range truth.Units {
		for _, c := range u.Columns {
			for _, x := range c.Items {
				if strings.HasSuffix(pageURL, x.URL) && it == nil {
					it, unit = x, u.Name
				}
			}
		}
	}
	if it == nil {
		t.Fatalf("no truth item is at %s", pageURL)
	}
	out := t.TempDir()
	te := newTestEnv(t, farmAsOf)
	if code := te.run(context.Background(), "evidence", pageURL, "--config", cfgPath, "--dir", out); code != 0 {
		t.Fatalf("evidence %s: exit %d: %s", pageURL, code, te.errOut.String())
	}
	path := strings.TrimSpace(te.out.String())
	sum := strings.TrimSuffix(filepath.Base(path), ".html")
	body, err := landing.SnapshotStore(cfg.LandingDir()).Get(sum)
	if err != nil {
		t.Fatalf("evidence file %s names no stored snapshot: %v", path, err)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(body)); got != sum {
		t.Errorf("evidence file named %s holds the snapshot whose hash is %s", sum, got)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"单位：" + unit, it.Title, pageURL, sum} {
		if !strings.Contains(string(page), want) {
			t.Errorf("evidence page %s lacks %q", path, want)
		}
	}
}

// checkQueryCommand runs `gongkai query` against the demo's database in
// each output format and checks the numbers it prints.
func checkQueryCommand(t *testing.T, cfg string, want map[string]map[string]int) {
	t.Helper()
	ctx := context.Background()
	total := 0
	for _, cats := range want {
		for _, n := range cats {
			total += n
		}
	}
	q := func(args ...string) string {
		te := newTestEnv(t, farmAsOf)
		if code := te.run(ctx, append([]string{"query", "--config", cfg}, args...)...); code != 0 {
			t.Fatalf("query %v: exit %d: %s", args, code, te.errOut.String())
		}
		return te.out.String()
	}
	if out := q("--list"); !strings.Contains(out, "scorecard") || !strings.Contains(out, "publish_counts") {
		t.Errorf("query --list lacks metrics:\n%s", out)
	}
	sum := fmt.Sprintf("SELECT sum(items)::BIGINT AS n FROM publish_counts(DATE '2026-01-01', DATE '2026-12-31')")
	if out := q("--sql", sum, "--format", "csv"); strings.TrimPrefix(out, "\ufeff") != fmt.Sprintf("n\r\n%d\r\n", total) {
		t.Errorf("query --sql --format csv = %q, want n=%d", out, total)
	}
	if out := q("--sql", sum, "--format", "json"); !strings.Contains(out, fmt.Sprintf(`"n": %d`, total)) && !strings.Contains(out, fmt.Sprintf(`"n":%d`, total)) {
		t.Errorf("query --format json = %q, want n=%d", out, total)
	}
	if out := q("scorecard", "--period", "2026"); !strings.Contains(out, "grade") || strings.Count(out, "\n") < 10 {
		t.Errorf("query scorecard as a table:\n%s", out)
	}
	xlsx := filepath.Join(t.TempDir(), "counts.xlsx")
	q("publish_summary", "--period", "2026", "--format", "xlsx", "-o", xlsx)
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Errorf("query --format xlsx wrote nothing: %v", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestUsageErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, exitUsage, "Usage: gongkai"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"report", "--period", "2026-13"}, exitUsage, "want a month like 2026-10"},
		{[]string{"report", "--period", "0000"}, exitUsage, "the year must be between 2000 and 2099"},
		{[]string{"report", "--period", "1900"}, exitUsage, "the year must be between 2000 and 2099"},
		{[]string{"report", "--period", "9999-01"}, exitUsage, "the year must be between 2000 and 2099"},
		{[]string{"report", "--from", "1900-01-01", "--to", "2026-01-31"}, exitUsage, "the year must be between 2000 and 2099"},
		{[]string{"crawl", "--config", "/nonexistent/gongkai.yaml"}, exitUsage, "config file /nonexistent/gongkai.yaml not found"},
		{[]string{"query"}, exitUsage, "name one metric"},
		{[]string{"version"}, exitOK, "gongkai "},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.args), func(t *testing.T) {
			te := newTestEnv(t, farmAsOf)
			code := te.run(ctx, tt.args...)
			all := te.out.String() + te.errOut.String()
			if code != tt.code || !strings.Contains(all, tt.want) {
				t.Errorf("exit %d, output %q; want exit %d and %q", code, all, tt.code, tt.want)
			}
		})
	}
}

func TestBrokenConfigNamesFileLineField(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gongkai.yaml")
	os.WriteFile(path, []byte("units:\n  - id: a\n    name: 甲局\n    kind: 部门\n    columns:\n      - id: c\n        name: 工作动态\n        url: not-a-url\n"), 0o644)
	te := newTestEnv(t, farmAsOf)
	code := te.run(context.Background(), "crawl", "--config", path)
	want := path + ":8: units[0].columns[0].url: not an absolute http(s) URL"
	if code != exitFailure || !strings.Contains(te.errOut.String(), want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, te.errOut.String(), want)
	}
}

// TestDemoTwice runs the demo into the same folder three times: the second
// serves the same URLs and adds a run without doubling any count; the
// third finds one of those addresses taken, starts the data over and still
// counts each item once.
func TestDemoTwice(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 12, 31, 0, 0, 0, 0, shanghai)
	want := expectedCounts(sitefarm.New(sitefarm.Options{Seed: 1, Units: 3, AsOf: farmAsOf}).Truth(), from, to)
	check := func(run int, wantRuns int) {
		t.Helper()
		db, err := etl.OpenReadOnly(ctx, filepath.Join(dir, "data", "gongkai.duckdb"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if diff := cmp.Diff(want, dbCounts(t, db, from, to)); diff != "" {
			t.Errorf("demo %d: publish counts (-truth +database):\n%s", run, diff)
		}
		var runs int
		if err := db.QueryRow(`SELECT count(*) FROM runs`).Scan(&runs); err != nil {
			t.Fatal(err)
		}
		if runs != wantRuns {
			t.Errorf("demo %d: %d runs in the database, want %d", run, runs, wantRuns)
		}
	}
	demo := func(run int) string {
		t.Helper()
		// A demo run later than the one before, as a user's would be.
		te := newTestEnv(t, farmAsOf.Add(time.Duration(run)*time.Minute))
		if code := te.run(ctx, "demo", "--dir", dir, "--units", "3", "--per-unit=false"); code != 0 {
			t.Fatalf("demo %d: exit %d\n%s\n%s", run, code, te.out.String(), te.errOut.String())
		}
		return te.out.String()
	}
	demo(1)
	check(1, 1)
	if out := demo(2); strings.Contains(out, "starting the demo's data over") {
		t.Errorf("second demo started over though its addresses were free:\n%s", out)
	}
	check(2, 2)

	b, err := os.ReadFile(filepath.Join(dir, demoStateFile))
	if err != nil {
		t.Fatal(err)
	}
	var st demoState
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	taken, err := net.Listen("tcp", st.Addrs[0])
	if err != nil {
		t.Fatalf("occupy %s: %v", st.Addrs[0], err)
	}
	defer taken.Close()
	if out := demo(3); !strings.Contains(out, "starting the demo's data over") {
		t.Errorf("third demo did not say it started over:\n%s", out)
	}
	check(3, 1)
}

// TestStreams checks where the CLI writes and how it exits: help on
// stdout with 0, mistakes on stderr with 2, --version like version.
func TestStreams(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // substrings; "" means the stream stays empty
	}{
		{nil, exitUsage, "", "Usage: gongkai COMMAND"},
		{[]string{"--help"}, exitOK, "Usage: gongkai COMMAND", ""},
		{[]string{"crawl", "--help"}, exitOK, "Usage: gongkai crawl", ""},
		{[]string{"query", "--help"}, exitOK, "Usage: gongkai query", ""},
		{[]string{"help", "query"}, exitOK, "Usage: gongkai query", ""},
		{[]string{"help", "nope"}, exitUsage, "", `unknown command "nope"`},
		{[]string{"crawl", "--nope"}, exitUsage, "", "unknown flag: --nope"},
		{[]string{"--version"}, exitOK, "duckdb: v1.", ""},
		{[]string{"version"}, exitOK, "duckdb: v1.", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.args), func(t *testing.T) {
			te := newTestEnv(t, farmAsOf)
			code := te.run(ctx, tt.args...)
			for _, s := range []struct{ name, got, want string }{{"stdout", te.out.String(), tt.stdout}, {"stderr", te.errOut.String(), tt.stderr}} {
				if s.want == "" && s.got != "" || !strings.Contains(s.got, s.want) {
					t.Errorf("%s = %q, want %q", s.name, s.got, s.want)
				}
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if n := strings.Count(te.out.String(), "Usage:"); n > 1 {
				t.Errorf("usage printed %d times", n)
			}
		})
	}
}

// TestInit writes the starter configuration, which then loads, and refuses
// to overwrite it.
func TestInit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "etc", "gongkai.yaml")
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "init", "--config", path); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, te.errOut.String())
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatalf("the starter file does not load: %v", err)
	}
	if len(c.Units) != 2 {
		t.Errorf("starter file has %d units, want 2", len(c.Units))
	}
	te2 := newTestEnv(t, farmAsOf)
	if code := te2.run(ctx, "init", "--config", path); code != exitUsage || !strings.Contains(te2.errOut.String(), "exists; not overwritten") {
		t.Errorf("second init: exit %d, stderr %q; want 2 and a refusal", code, te2.errOut.String())
	}
	te3 := newTestEnv(t, farmAsOf)
	if code := te3.run(ctx, "crawl", "--config", filepath.Join(t.TempDir(), "missing.yaml")); code != exitUsage || !strings.Contains(te3.errOut.String(), "Try: gongkai init --config") {
		t.Errorf("missing config: exit %d, stderr %q; want a hint to gongkai init", code, te3.errOut.String())
	}
}
