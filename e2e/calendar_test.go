package e2e

import (
	"time"

	"github.com/gongkai/gongkai/etl"
)

// calendar answers working-day questions in Go from etl.BuildCalendar's
// flags (the calendar itself is tested in etl), counting days by loops, not
// by the running number the SQL uses.
type calendar struct {
	work    map[time.Time]bool
	holiday map[time.Time]string // the holiday a day belongs to, "" for none
}

func newCalendar() *calendar {
	c := &calendar{work: map[time.Time]bool{}, holiday: map[time.Time]string{}}
	from := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2035, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, d := range etl.BuildCalendar(from, to, nil) {
		c.work[d.Date] = d.IsWorkday
		c.holiday[d.Date] = d.Holiday
	}
	return c
}

func (c *calendar) isWorkday(d time.Time) bool { return c.work[dateOf(d)] }

// span counts the working days strictly after a up to and including b
// (negative when b is before a).
func (c *calendar) span(a, b time.Time) int {
	a, b = dateOf(a), dateOf(b)
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		if c.work[d] {
			n++
		}
	}
	return sign * n
}

// addWorkdays is the n-th working day after a (n ≥ 1).
func (c *calendar) addWorkdays(a time.Time, n int) time.Time {
	d := dateOf(a)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.work[d] {
			n--
		}
	}
	return d
}
