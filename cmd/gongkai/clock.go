package main

import (
	"fmt"
	"time"
)

// envNow is the environment variable that pins the clock: every "now" of
// a command (the crawl's cutoff and run ID, the default period, the
// workbooks' date) is that instant, so a run can be repeated exactly.
const envNow = "GONGKAI_NOW"

// nowLayouts are the spellings GONGKAI_NOW accepts; without an offset the
// time is read in Asia/Shanghai.
var nowLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly}

// clockFrom returns the clock a command runs with: time.Now, or the
// instant named by GONGKAI_NOW. A pinned clock does not advance.
func clockFrom(getenv func(string) string) (func() time.Time, error) {
	v := getenv(envNow)
	if v == "" {
		return time.Now, nil
	}
	t, err := parseNow(v)
	if err != nil {
		return nil, err
	}
	return func() time.Time { return t }, nil
}

func parseNow(v string) (time.Time, error) {
	for _, l := range nowLayouts {
		if t, err := time.ParseInLocation(l, v, shanghai); err == nil {
			if t.Year() < minYear || t.Year() > maxYear {
				return time.Time{}, fmt.Errorf("%s=%q: the year must be between %d and %d", envNow, v, minYear, maxYear)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s=%q: want a time like 2026-12-02T10:00:00+08:00 or a date like 2026-12-02", envNow, v)
}
