package queries

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/etl"
)

// calendar is the etl calendar as plain Go values, for the reference.
type calendar struct {
	days    []etl.Day
	workday map[time.Time]bool
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func testCalendar() calendar {
	c := calendar{days: etl.BuildCalendar(date("2024-01-01"), date("2027-12-31"), nil), workday: map[time.Time]bool{}}
	for _, d := range c.days {
		c.workday[d.Date] = d.IsWorkday
	}
	return c
}

// span counts working days strictly after a up to and including b by
// walking the days (negative when b is before a).
func (c calendar) span(a, b time.Time) int {
	n, sign := 0, 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		if c.workday[d] {
			n++
		}
	}
	return sign * n
}

// addWorkdays returns the n-th working day after a.
func (c calendar) addWorkdays(a time.Time, n int) time.Time {
	d := a
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.workday[d] {
			n--
		}
	}
	return d
}

// The fixture's dates rely on these days of the 2026 schedule.
func TestCalendarDays(t *testing.T) {
	c := testCalendar()
	for _, tc := range []struct {
		day  string
		want bool
	}{
		{"2026-01-01", false}, {"2026-01-02", false}, {"2026-01-04", true}, // 元旦, make-up Sunday
		{"2026-02-13", true}, {"2026-02-14", true}, {"2026-02-15", false}, {"2026-02-23", false},
		{"2026-02-24", true}, {"2026-02-28", true}, {"2026-03-01", false}, // 春节 and its make-up Saturdays
	} {
		if got := c.workday[date(tc.day)]; got != tc.want {
			t.Errorf("%s workday = %v, want %v", tc.day, got, tc.want)
		}
	}
	if got := c.span(date("2026-02-13"), date("2026-02-27")); got != 5 {
		t.Errorf("span 02-13..02-27 = %d, want 5", got)
	}
	if got := c.addWorkdays(date("2026-02-13"), 5); !got.Equal(date("2026-02-27")) {
		t.Errorf("5 working days after 02-13 = %s, want 2026-02-27", got.Format(time.DateOnly))
	}
}

// A working-day span over a year without an official holiday schedule is
// an error naming the year and the setting that fixes it, never a
// weekends-only count.
func TestSpanOverUnofficialYear(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT gk.wd(DATE '2027-12-20', DATE '2027-12-31')`).Scan(&n); err != nil {
		t.Fatalf("span inside 2027: %v", err)
	}
	for _, q := range []string{
		`SELECT gk.wd(DATE '2027-12-20', DATE '2028-01-10')`,
		`SELECT gk.wd_add(DATE '2028-03-02', 5)`,
	} {
		var v any
		err := db.QueryRowContext(ctx, q).Scan(&v)
		if err == nil || !strings.Contains(err.Error(), "working days in 2028") || !strings.Contains(err.Error(), "calendar.overrides") {
			t.Errorf("%s: err = %v, want an error naming 2028 and calendar.overrides", q, err)
		}
	}
}
