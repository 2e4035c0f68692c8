package queries

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current results")

// openFixture is openStore with testdata/fixture.sql loaded.
func openFixture(tb testing.TB) *sql.DB {
	tb.Helper()
	db := openStore(tb)
	src, err := os.ReadFile("testdata/fixture.sql")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), string(src)); err != nil {
		tb.Fatalf("fixture: %v", err)
	}
	return db
}

// periods the fixture is checked over: the year, one month, and February
// with the Spring Festival holiday and its make-up Saturdays.
var periods = []struct{ name, from, to string }{
	{"2026", "2026-01-01", "2026-12-31"},
	{"2026-03", "2026-03-01", "2026-03-31"},
	{"2026-02", "2026-02-01", "2026-02-28"},
}

// TestMetrics runs every metric over the fixture for each period, compares
// the text output with testdata/metrics_<period>.golden (whose scorecard is
// checked by hand for February in handcheck_test.go) and every row with the plain-Go
// reference.
func TestMetrics(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	r, err := rules.Default(2026)
	if err != nil {
		t.Fatal(err)
	}
	x := newRef(readDataset(t, db), testCalendar(), r)
	for _, p := range periods {
		t.Run(p.name, func(t *testing.T) {
			want := x.all(date(p.from), date(p.to), nil)
			var buf bytes.Buffer
			for _, m := range List() {
				tab, err := Run(ctx, db, m.Name, date(p.from), date(p.to), nil)
				if err != nil {
					t.Fatalf("%s: %v", m.Name, err)
				}
				fmt.Fprintf(&buf, "## %s %s..%s\n\n", m.Name, p.from, p.to)
				if err := WriteText(&buf, tab); err != nil {
					t.Fatal(err)
				}
				buf.WriteString("\n")
				if m.Sheet != "" {
					continue // checked against its sheet in package reports
				}
				rows, ok := want[m.Name]
				if !ok {
					t.Errorf("%s: no reference", m.Name)
					continue
				}
				compareRef(t, m.Name, tab, rows)
				if m.Name == "scorecard" && p.name == "2026-02" {
					checkFebruaryScorecard(t, tab)
				}
			}
			golden := "testdata/metrics_" + p.name + ".golden"
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			g, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(strings.Split(string(g), "\n"), strings.Split(buf.String(), "\n")); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// norm renders a value for comparison: integral numbers without decimals,
// other floats to 9 decimals, dates as 2006-01-02, NULL as NULL.
func norm(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.Format(time.DateOnly)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'f', 9, 64)
	case float32:
		return norm(float64(x))
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.Itoa(int(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case *big.Int:
		return x.String()
	}
	return fmt.Sprint(v)
}

// compareRef checks that the SQL table holds exactly the reference rows, on
// the columns the reference computes, in any order.
func compareRef(t *testing.T, name string, tab *Table, rows []refRow) {
	t.Helper()
	keys := map[string]bool{}
	for _, r := range rows {
		for k := range r {
			keys[k] = true
		}
	}
	var cols []string
	for k := range keys {
		if tab.Column(k) < 0 {
			t.Errorf("%s: reference column %s not in the result", name, k)
			continue
		}
		cols = append(cols, k)
	}
	sort.Strings(cols)
	line := func(get func(string) any) string {
		parts := make([]string, len(cols))
		for i, c := range cols {
			parts[i] = c + "=" + norm(get(c))
		}
		return strings.Join(parts, " ")
	}
	var want, got []string
	for _, r := range rows {
		want = append(want, line(func(c string) any { return r[c] }))
	}
	for _, row := range tab.Rows {
		got = append(got, line(func(c string) any { return row[tab.Column(c)] }))
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: SQL differs from the reference (-reference +sql):\n%s", name, diff)
	}
}
