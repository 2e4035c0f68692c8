package queries

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/filecopy"
)

// TestPerfStore times every metric on a real store and dumps the results
// exactly, so a change to the SQL can be checked for speed and for equal
// results on more data than the fixture. It runs only when asked:
//
//	GONGKAI_PERF_DB=/path/gongkai.duckdb [GONGKAI_PERF_SQL=/dir/with/sql] \
//	[GONGKAI_PERF_OUT=/tmp/results.txt] go test ./queries -run TestPerfStore -v
//
// GONGKAI_PERF_METRICS (names) and GONGKAI_PERF_PERIODS (from..to …)
// narrow the run; GONGKAI_PERF_REPEAT=n logs the fastest of n runs;
// GONGKAI_PERF_KEEP=/path keeps the copied store; GONGKAI_PERF_THREADS=n
// sets DuckDB's threads; GONGKAI_PERF_PROFILE=/file.json writes DuckDB's
// detailed profile of the last query; GONGKAI_PERF_EXPLAIN=metric logs its
// physical plan.
//
// The store is copied first; the macros are installed from GONGKAI_PERF_SQL
// (every *.sql in it, in name order) when set, else from the embedded files.
func TestPerfStore(t *testing.T) {
	src := os.Getenv("GONGKAI_PERF_DB")
	if src == "" {
		t.Skip("GONGKAI_PERF_DB not set")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "perf.duckdb")
	if p := os.Getenv("GONGKAI_PERF_KEEP"); p != "" {
		path = p // keep the store with the macros installed, for the CLI
	}
	if err := filecopy.Copy(src, path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := installFrom(ctx, db, os.Getenv("GONGKAI_PERF_SQL")); err != nil {
		t.Fatal(err)
	}
	if n := os.Getenv("GONGKAI_PERF_THREADS"); n != "" {
		db.SetMaxOpenConns(1)
		if _, err := db.ExecContext(ctx, "SET threads = "+n); err != nil {
			t.Fatal(err)
		}
	}
	// GONGKAI_PERF_PROFILE=/tmp/p.json writes DuckDB's detailed profile
	// (planner and optimizer timings) of the last query run.
	if p := os.Getenv("GONGKAI_PERF_PROFILE"); p != "" {
		db.SetMaxOpenConns(1)
		for _, q := range []string{"PRAGMA enable_profiling = 'json'", "SET profiling_mode = 'detailed'", "PRAGMA profiling_output = '" + p + "'"} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out io.Writer = io.Discard
	if p := os.Getenv("GONGKAI_PERF_OUT"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = f
	}
	only := map[string]bool{}
	for _, m := range strings.Fields(strings.ReplaceAll(os.Getenv("GONGKAI_PERF_METRICS"), ",", " ")) {
		only[m] = true
	}
	type period struct {
		from, to string
		cutoff   *time.Time
	}
	ps := []period{{"2026-01-01", "2026-12-31", nil}, {"2026-10-01", "2026-10-31", nil}, {"2026-02-01", "2026-02-28", nil}, {"2026-03-05", "2026-04-20", nil}}
	if p := os.Getenv("GONGKAI_PERF_PERIODS"); p != "" {
		ps = nil
		for _, f := range strings.Fields(p) {
			a, b, _ := strings.Cut(f, "..")
			ps = append(ps, period{a, b, nil})
		}
	}
	repeat := 1 // GONGKAI_PERF_REPEAT: run each query n times, log the fastest
	if n, err := strconv.Atoi(os.Getenv("GONGKAI_PERF_REPEAT")); err == nil && n > 0 {
		repeat = n
	}
	for _, p := range ps {
		for _, m := range List() {
			if len(only) > 0 && !only[m.Name] {
				continue
			}
			var tab *Table
			best, bestCPU := time.Duration(-1), time.Duration(-1)
			for range repeat {
				start, startCPU := time.Now(), cpuTime()
				tab, err = Run(ctx, db, m.Name, date(p.from), date(p.to), p.cutoff)
				if err != nil {
					t.Fatalf("%s %s..%s: %v", m.Name, p.from, p.to, err)
				}
				if d := time.Since(start); best < 0 || d < best {
					best = d
				}
				if d := cpuTime() - startCPU; bestCPU < 0 || d < bestCPU {
					bestCPU = d
				}
			}
			t.Logf("%-24s %s..%s %4d rows %8.3fs wall %8.3fs cpu %5d operators", m.Name, p.from, p.to, len(tab.Rows), best.Seconds(), bestCPU.Seconds(), operators(ctx, t, db, m.Name, p.from, p.to))
			fmt.Fprintf(out, "## %s %s..%s\n%s\n%s\n", m.Name, p.from, p.to, strings.Join(tab.Columns, "\t"), strings.Join(tab.Types, "\t"))
			for _, r := range tab.Rows {
				cells := make([]string, len(r))
				for i, v := range r {
					cells[i] = exact(v)
				}
				fmt.Fprintln(out, strings.Join(cells, "\t"))
			}
		}
	}
}

// exact renders a value without rounding (floats in full precision).
func exact(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	default:
		return fmt.Sprintf("%T:%v", v, v)
	}
}

// operators counts the operators of the physical plan of a metric: the
// plan's size, which is what DuckDB spends its time on at these sizes.
func operators(ctx context.Context, t *testing.T, db *sql.DB, name, from, to string) int {
	q := fmt.Sprintf("EXPLAIN (FORMAT json) SELECT * FROM %s(DATE '%s', DATE '%s')", name, from, to)
	tab, err := RunSQL(ctx, db, q)
	if err != nil {
		t.Fatalf("explain %s: %v", name, err)
	}
	if os.Getenv("GONGKAI_PERF_EXPLAIN") == name {
		for _, r := range tab.Rows {
			t.Logf("%v", r[len(r)-1])
		}
	}
	n := 0
	for _, r := range tab.Rows {
		for _, v := range r {
			if s, ok := v.(string); ok {
				n += strings.Count(s, `"name":`)
			}
		}
	}
	return n
}

func installFrom(ctx context.Context, db *sql.DB, dir string) error {
	if dir == "" {
		return Install(ctx, db)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, string(b)); err != nil {
			return fmt.Errorf("install %s: %w", f, err)
		}
	}
	return nil
}
