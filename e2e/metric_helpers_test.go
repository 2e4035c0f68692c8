package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gongkai/gongkai/queries"
)

// row is one result row by column name, with values normalised: integers
// as int64, floats as float64, dates as "2006-01-02", NULL as nil.
type row map[string]any

// period is a closed date range with a name for subtests.
type period struct {
	name     string
	from, to time.Time
}

var (
	year2026 = period{"year 2026", day(2026, 1, 1), day(2026, 12, 31)}
	oct2026  = period{"October 2026", day(2026, 10, 1), day(2026, 10, 31)}
	feb2026  = period{"February 2026 (Spring Festival)", day(2026, 2, 1), day(2026, 2, 28)}
	year2024 = period{"year 2024 (no data)", day(2024, 1, 1), day(2024, 12, 31)}
	periods  = []period{year2026, oct2026, feb2026, year2024}
)

func norm(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int64:
		return x
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		return int64(x)
	case float32:
		return float64(x)
	case float64:
		return x
	case time.Time:
		return x.UTC().Format(time.DateOnly)
	case []byte:
		return string(x)
	}
	return v
}

// metricCache keeps each metric result: several tests read the same one,
// and some macros take seconds.
var metricCache sync.Map

// metric runs a metric macro and returns its rows (shared: do not modify).
func metric(tb testing.TB, db *sql.DB, name string, p period, cutoff *time.Time) []row {
	tb.Helper()
	key := fmt.Sprintf("%p %s %s %s", db, name, p.from, p.to)
	if cutoff != nil {
		key += cutoff.Format(time.DateOnly)
	}
	if v, ok := metricCache.Load(key); ok {
		return v.([]row)
	}
	start := time.Now()
	t, err := queries.Run(context.Background(), db, name, p.from, p.to, cutoff)
	if testing.Verbose() {
		tb.Logf("%s(%s .. %s) took %s", name, p.from.Format(time.DateOnly), p.to.Format(time.DateOnly), time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		tb.Fatalf("%s(%s .. %s): %v", name, p.from.Format(time.DateOnly), p.to.Format(time.DateOnly), err)
	}
	out := make([]row, 0, len(t.Rows))
	for _, r := range t.Rows {
		m := row{}
		for i, c := range t.Columns {
			m[c] = norm(r[i])
		}
		out = append(out, m)
	}
	metricCache.Store(key, out)
	return out
}

// keyOf joins the values of cols into a map key.
func keyOf(r row, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprint(r[c])
	}
	return strings.Join(parts, "|")
}

// compareRows compares got with want, keyed by keyCols, on the columns
// each wanted row names (an extra row is compared on every column any
// wanted row names). Missing and extra rows are differences too.
func compareRows(tb testing.TB, what string, want []row, got []row, keyCols ...string) {
	tb.Helper()
	wantBy := map[string]row{}
	cols := map[string]bool{}
	for _, r := range want {
		k := keyOf(r, keyCols)
		if _, dup := wantBy[k]; dup {
			tb.Fatalf("%s: expectation has two rows for key %s", what, k)
		}
		// The macros round rates and points on output; the expectation,
		// computed exactly, is rounded the same way.
		rounded := row{}
		for c, v := range r {
			rounded[c] = queries.RoundOutput(what, c, v)
			cols[c] = true
		}
		wantBy[k] = rounded
	}
	gotBy := map[string]row{}
	for _, r := range got {
		k := keyOf(r, keyCols)
		if _, dup := gotBy[k]; dup {
			tb.Errorf("%s: duplicate row for key %s", what, k)
		}
		names := cols
		if w, ok := wantBy[k]; ok {
			names = map[string]bool{}
			for c := range w {
				names[c] = true
			}
		}
		picked := row{}
		for c := range names {
			v, ok := r[c]
			if !ok {
				v = "<no such column>"
			}
			picked[c] = v
		}
		gotBy[k] = picked
	}
	if d := cmp.Diff(wantBy, gotBy, cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateNaNs()); d != "" {
		tb.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// rate is n/d, or nil when d is 0 ("no data", never 0 or 100%).
func rate(n, d int) any {
	if d == 0 {
		return nil
	}
	return float64(n) / float64(d)
}

func mean(xs []int) any {
	if len(xs) == 0 {
		return nil
	}
	s := 0
	for _, x := range xs {
		s += x
	}
	return float64(s) / float64(len(xs))
}

func median(xs []int) any {
	if len(xs) == 0 {
		return nil
	}
	s := append([]int(nil), xs...)
	sort.Ints(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

func dateStr(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return dateOf(t).Format(time.DateOnly)
}
