package main

import (
	"fmt"
	"time"
)

// shanghai is the zone every date in gongkai is read in.
var shanghai = time.FixedZone("CST", 8*3600)

// The years a period, a cutoff or a pinned clock may name. Disclosure
// under the regulations began in 2008 and a site's dates before 2000 are
// typing errors; past 2099 is a typing error too. A year out of range is
// refused rather than scored as a year with nothing published.
const (
	minYear = 2000
	maxYear = 2099
)

// checkYear refuses a date outside [minYear, maxYear].
func checkYear(flag, v string, t time.Time) error {
	if t.Year() < minYear || t.Year() > maxYear {
		return usagef("", "%s %q: the year must be between %d and %d", flag, v, minYear, maxYear)
	}
	return nil
}

// period is a closed date range [from, to].
type period struct {
	from, to time.Time
	label    string // 2026-10, 2026, or 2026-01-01..2026-03-31
}

// parsePeriod reads --period (YYYY-MM or YYYY) or --from/--to (YYYY-MM-DD).
// With none of them it returns the month before now, the month a batch on
// the first days of a month is for.
func parsePeriod(p, from, to string, now time.Time) (period, error) {
	switch {
	case p != "" && (from != "" || to != ""):
		return period{}, usagef("", "give --period or --from/--to, not both")
	case p != "":
		if t, err := time.ParseInLocation("2006-01", p, shanghai); err == nil {
			if err := checkYear("--period", p, t); err != nil {
				return period{}, err
			}
			return period{from: t, to: t.AddDate(0, 1, -1), label: p}, nil
		}
		if t, err := time.ParseInLocation("2006", p, shanghai); err == nil {
			if err := checkYear("--period", p, t); err != nil {
				return period{}, err
			}
			return period{from: t, to: t.AddDate(1, 0, -1), label: p}, nil
		}
		return period{}, usagef("--period 2026-10", "--period %q: want a month like 2026-10 or a year like 2026", p)
	case from != "" || to != "":
		if from == "" || to == "" {
			return period{}, usagef("--from 2026-01-01 --to 2026-03-31", "--from and --to go together")
		}
		f, err := time.ParseInLocation("2006-01-02", from, shanghai)
		if err != nil {
			return period{}, usagef("--from 2026-01-01", "--from %q: want a date like 2026-01-01", from)
		}
		t, err := time.ParseInLocation("2006-01-02", to, shanghai)
		if err != nil {
			return period{}, usagef("--to 2026-03-31", "--to %q: want a date like 2026-03-31", to)
		}
		if err := checkYear("--from", from, f); err != nil {
			return period{}, err
		}
		if err := checkYear("--to", to, t); err != nil {
			return period{}, err
		}
		if t.Before(f) {
			return period{}, usagef("", "--to %s is before --from %s", to, from)
		}
		return period{from: f, to: t, label: from + ".." + to}, nil
	}
	n := now.In(shanghai)
	first := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, shanghai).AddDate(0, -1, 0)
	return period{from: first, to: first.AddDate(0, 1, -1), label: first.Format("2006-01")}, nil
}

func (p period) String() string {
	return fmt.Sprintf("%s (%s – %s)", p.label, p.from.Format("2006-01-02"), p.to.Format("2006-01-02"))
}

// cutoffFlag registers --cutoff, the same for query and report.
func cutoffFlag(fs *flagSet) *string {
	return fs.String("cutoff", "", "data as collected on this date, e.g. 2026-11-01 (default: the first run after the period, or the newest)")
}

// parseCutoff reads --cutoff; empty is no cutoff (the default run).
func parseCutoff(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	c, err := time.ParseInLocation(time.DateOnly, s, shanghai)
	if err != nil {
		return nil, usagef("--cutoff 2026-11-01", "--cutoff %q: want a date like 2026-11-01", s)
	}
	return &c, nil
}
