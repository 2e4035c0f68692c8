package e2e

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
	"github.com/gongkai/gongkai/rules"
)

// shanghai is China Standard Time, the zone of every date in the pipeline.
var shanghai = time.FixedZone("CST", 8*3600)

// asOf is the farm's "today" in normal mode; the second crawl happens one
// month later, when the farm is switched to later mode.
var asOf = time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai)

// pipeline is everything the tests look at: the farm's two truths, the
// request log of each crawl, the two runs and the two published databases
// (after run 1, after runs 1+2).
type pipeline struct {
	farm   *sitefarm.Farm
	normal *sitefarm.Truth
	later  *sitefarm.Truth
	cfg    *config.Config

	root       string
	run1, run2 *crawl.Result
	// requests1 and requests2 are the farm's request logs of each crawl.
	requests1, requests2 []sitefarm.Request

	db1, db2 *sql.DB // read-only handles on the published databases
	cutoff1  time.Time
	cutoff2  time.Time
	cal      *calendar
	// v1 is what run 1 saw (normal mode), v2 what runs 1+2 saw.
	v1, v2 *view
}

// fx is built once by TestMain; a build error fails every test.
var (
	fx    *pipeline
	fxErr error
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "gongkai-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	fx, fxErr = build(context.Background(), dir)
	if testing.Verbose() {
		fmt.Fprintln(os.Stderr, "pipeline built in", time.Since(start))
	}
	code := m.Run()
	if fx != nil {
		fx.close()
	}
	if os.Getenv("GONGKAI_E2E_KEEP") != "" {
		fmt.Fprintln(os.Stderr, "e2e data kept in", dir)
	} else {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// pl returns the pipeline fixture or stops the test when it could not be
// built.
func pl(tb testing.TB) *pipeline {
	tb.Helper()
	if fxErr != nil {
		tb.Fatalf("pipeline fixture: %v", fxErr)
	}
	return fx
}

func (p *pipeline) close() {
	for _, db := range []*sql.DB{p.db1, p.db2} {
		if db != nil {
			db.Close()
		}
	}
	if p.farm != nil {
		p.farm.Close()
	}
}

func logger() *slog.Logger {
	if os.Getenv("GONGKAI_E2E_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func build(ctx context.Context, dir string) (*pipeline, error) {
	p := &pipeline{root: filepath.Join(dir, "landing")}
	p.farm = sitefarm.New(sitefarm.Options{Seed: 1, AsOf: asOf})
	if err := p.farm.Start(); err != nil {
		return p, fmt.Errorf("start farm: %w", err)
	}
	p.normal = p.farm.Truth()
	p.cfg = farmConfig(p.normal)

	now1 := asOf.Add(10 * time.Hour)
	res, err := p.crawl(ctx, now1, "2026-10")
	if err != nil {
		return p, err
	}
	p.run1, p.requests1 = res, p.farm.Requests()

	p.farm.SetLater(true)
	p.later = p.farm.Truth()
	p.farm.ResetRequests()
	now2 := asOf.AddDate(0, 1, 0).Add(10 * time.Hour)
	if res, err = p.crawl(ctx, now2, "2026-11"); err != nil {
		return p, err
	}
	p.run2, p.requests2 = res, p.farm.Requests()

	p.cutoff1 = dateOf(now1)
	p.cutoff2 = dateOf(now2)
	p.cal = newCalendar()
	p.v1 = newView([]*sitefarm.Truth{p.normal}, p.cutoff1)
	p.v2 = newView([]*sitefarm.Truth{p.normal, p.later}, p.cutoff2)

	path1 := filepath.Join(dir, "run1.duckdb")
	if p.db1, err = publish(ctx, path1, []*crawl.Result{p.run1}, now1); err != nil {
		return p, fmt.Errorf("database after run 1: %w", err)
	}
	path2 := filepath.Join(dir, "runs12.duckdb")
	if p.db2, err = publish(ctx, path2, []*crawl.Result{p.run1, p.run2}, now2); err != nil {
		return p, fmt.Errorf("database after runs 1+2: %w", err)
	}
	if p.v1.verdicts, err = readVerdicts(ctx, p.db1, p.run1.Run.ID); err != nil {
		return p, err
	}
	if p.v2.verdicts, err = readVerdicts(ctx, p.db2, p.run2.Run.ID); err != nil {
		return p, err
	}
	return p, nil
}

// readVerdicts reads the verdict of every column and mailbox of a run.
func readVerdicts(ctx context.Context, db *sql.DB, runID string) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT unit_id, kind, column_id, verdict FROM column_runs WHERE run_id = $1`, runID)
	if err != nil {
		return nil, fmt.Errorf("read verdicts: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var u, k, id, v string
		if err := rows.Scan(&u, &k, &id, &v); err != nil {
			return nil, fmt.Errorf("read verdicts: %w", err)
		}
		out[u+"|"+k+"|"+id] = v
	}
	return out, rows.Err()
}

func (p *pipeline) crawl(ctx context.Context, now time.Time, period string) (*crawl.Result, error) {
	defer stage("crawl "+period, time.Now())
	res, err := crawl.Run(ctx, crawl.Options{
		Config:    p.cfg,
		Landing:   p.root,
		Period:    period,
		Now:       func() time.Time { return now },
		Logger:    logger(),
		RetryBase: time.Millisecond,
		RetryMax:  5 * time.Millisecond,
	})
	if err != nil {
		return nil, fmt.Errorf("crawl %s: %w", period, err)
	}
	if len(res.Failed) > 0 {
		return nil, fmt.Errorf("crawl %s: units failed: %+v", period, res.Failed)
	}
	return res, nil
}

// publish builds a database holding the given runs the way the batch does
// (calendar, rules, runs, metric macros) and opens it read-only.
func publish(ctx context.Context, path string, runs []*crawl.Result, now time.Time) (*sql.DB, error) {
	defer stage("publish "+filepath.Base(path), time.Now())
	r, err := rules.Default(2026)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	err = etl.Publish(ctx, path, func(st *etl.Store) error {
		if err := st.LoadCalendar(ctx, nil); err != nil {
			return fmt.Errorf("calendar: %w", err)
		}
		if err := rules.Install(ctx, st.DB(), r); err != nil {
			return fmt.Errorf("install rules: %w", err)
		}
		for _, res := range runs {
			if _, err := st.LoadRun(ctx, res.Run, etl.LoadOptions{Logger: logger(), Now: func() time.Time { return now }}); err != nil {
				return fmt.Errorf("load %s: %w", res.Run.ID, err)
			}
		}
		if err := queries.Install(ctx, st.DB()); err != nil {
			return fmt.Errorf("install metrics: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if os.Getenv("GONGKAI_E2E_KEEP") != "" {
		fmt.Fprintln(os.Stderr, "database", path)
	}
	return etl.OpenReadOnly(ctx, path)
}

// farmConfig is the config an office would write for the farm's units:
// names, kinds, URLs, profiles, no categories (they come from the column
// names, as in the demo config), no politeness delay, loopback allowed.
func farmConfig(t *sitefarm.Truth) *config.Config {
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-e2e/1", Parallelism: 4, Units: 4,
		Timeout: config.NewDuration(10 * time.Second), Retries: 3,
		MaxBody: 8 << 20, MaxPages: 500, AllowPrivate: true,
	}}
	for _, u := range t.Units {
		must := u.MustHaveMailbox
		cu := config.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, MustHaveMailbox: &must}
		if u.Home != nil {
			cu.Home = u.Home.URL
		}
		for _, c := range u.Columns {
			cu.Columns = append(cu.Columns, config.Column{ID: c.ID, Name: c.Name, URL: c.URL, Profile: u.Family, API: c.API})
		}
		for _, m := range u.Mailboxes {
			cu.Mailboxes = append(cu.Mailboxes, config.Mailbox{ID: m.ID, Name: m.Name, URL: m.URL, Format: m.Format})
		}
		cfg.Units = append(cfg.Units, cu)
	}
	return cfg
}

// dateOf is the Asia/Shanghai calendar date of t, at midnight UTC (the way
// DuckDB DATE values come back through database/sql).
func dateOf(t time.Time) time.Time {
	y, m, d := t.In(shanghai).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// stage logs how long a fixture stage took when GONGKAI_E2E_LOG is set.
func stage(name string, start time.Time) {
	if testing.Verbose() {
		fmt.Fprintln(os.Stderr, name, "took", time.Since(start).Round(time.Millisecond))
	}
}

// runID is the ID of run n (1 or 2).
func (p *pipeline) runID(n int) string {
	if n == 1 {
		return p.run1.Run.ID
	}
	return p.run2.Run.ID
}

// state is one database with the view its default cutoff resolves to for
// a period.
type state struct {
	name string
	db   *sql.DB
	view func(period) *view
}

// states are the two databases. After run 1 every period is scored as of
// run 1. After runs 1+2 a period ending before run 1's cutoff is still
// scored as of run 1 (the first complete run after it), and the year 2026,
// which no run passes, as of the newest run.
func (p *pipeline) states() []state {
	return []state{
		{"after run 1", p.db1, func(period) *view { return p.v1 }},
		{"after runs 1+2", p.db2, func(pr period) *view {
			if pr.to.Before(p.cutoff1) {
				return p.v1
			}
			return p.v2
		}},
	}
}
