package crawl

import (
	"context"
	"io"
	"log/slog"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// farmConfig builds the config a user would write for the farm's units.
func farmConfig(tr *sitefarm.Truth) *config.Config { return unitsConfig(tr.Units) }

// unitsConfig builds the config a user would write for some farm units.
func unitsConfig(units []*sitefarm.Unit) *config.Config {
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 4, Units: 4, Timeout: config.NewDuration(10 * time.Second),
		Retries: 3, MaxBody: 8 << 20, MaxPages: 500, Overlap: 3, AllowPrivate: true,
	}}
	for _, u := range units {
		must := u.MustHaveMailbox
		cu := config.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, MustHaveMailbox: &must}
		if u.Home != nil {
			cu.Home = u.Home.URL
		}
		for _, c := range u.Columns {
			cu.Columns = append(cu.Columns, config.Column{ID: c.ID, Name: c.Name, URL: c.URL, Category: c.Category, Profile: u.Family, API: c.API})
		}
		for _, m := range u.Mailboxes {
			cu.Mailboxes = append(cu.Mailboxes, config.Mailbox{ID: m.ID, Name: m.Name, URL: m.URL, Format: m.Format})
		}
		cfg.Units = append(cfg.Units, cu)
	}
	return cfg
}

func startFarm(tb testing.TB, opts sitefarm.Options) *sitefarm.Farm {
	tb.Helper()
	f := sitefarm.New(opts)
	if err := f.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(f.Close)
	return f
}

func testLogger(tb testing.TB) *slog.Logger {
	if os.Getenv("CRAWL_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// testOptions are Options for a test run against the farm: clock pinned to
// the farm's AsOf, millisecond backoffs.
func testOptions(tb testing.TB, cfg *config.Config, root string, asOf time.Time) Options {
	return Options{
		Config: cfg, Landing: root, Logger: testLogger(tb),
		Now:       func() time.Time { return asOf.Add(10 * time.Hour) },
		RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond,
	}
}

func runCrawl(tb testing.TB, opts Options) *Result {
	tb.Helper()
	res, err := Run(context.Background(), opts)
	if err != nil {
		tb.Fatalf("run: %v", err)
	}
	return res
}

// records are a run's landing records of every unit, read back.
type records struct {
	items   []landing.Item
	letters []landing.Letter
	columns []landing.Column
	homes   []landing.Home
	pages   []landing.Page
}

func readRecords(tb testing.TB, run *landing.Run, unitIDs []string) records {
	tb.Helper()
	var r records
	for _, id := range unitIDs {
		must(tb, landing.ReadFile(run.UnitPath(id, landing.FileItems), func(v landing.Item) error { r.items = append(r.items, v); return nil }))
		must(tb, landing.ReadFile(run.UnitPath(id, landing.FileLetters), func(v landing.Letter) error { r.letters = append(r.letters, v); return nil }))
		must(tb, landing.ReadFile(run.UnitPath(id, landing.FileColumns), func(v landing.Column) error { r.columns = append(r.columns, v); return nil }))
		must(tb, landing.ReadFile(run.UnitPath(id, landing.FileHomes), func(v landing.Home) error { r.homes = append(r.homes, v); return nil }))
		must(tb, landing.ReadFile(run.UnitPath(id, landing.FilePages), func(v landing.Page) error { r.pages = append(r.pages, v); return nil }))
	}
	return r
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func unitIDs(tr *sitefarm.Truth) []string {
	var ids []string
	for _, u := range tr.Units {
		ids = append(ids, u.ID)
	}
	sort.Strings(ids)
	return ids
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// testRoot is a landing root for a test. Snapshots are one file per page,
// so a memory file system keeps tests fast where one exists.
func testRoot(tb testing.TB) string {
	tb.Helper()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		d, err := os.MkdirTemp("/dev/shm", "gongkai-crawl-test-")
		if err == nil {
			tb.Cleanup(func() { os.RemoveAll(d) })
			return d
		}
	}
	return tb.TempDir()
}
