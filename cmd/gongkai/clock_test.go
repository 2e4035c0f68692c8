package main

import (
	"strings"
	"testing"
	"time"
)

func TestClockFromEnv(t *testing.T) {
	want := time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai)
	for _, v := range []string{"2026-12-02T10:00:00+08:00", "2026-12-02T02:00:00Z", "2026-12-02T10:00:00", "2026-12-02 10:00:00"} {
		now, err := clockFrom(func(string) string { return v })
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if got := now(); !got.Equal(want) || !now().Equal(got) {
			t.Errorf("%s: now = %v, want %v, and pinned", v, got, want)
		}
	}
	day, err := clockFrom(func(string) string { return "2026-12-02" })
	if err != nil || !day().Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, shanghai)) {
		t.Errorf("date only: %v, %v", day(), err)
	}
	if now, err := clockFrom(func(string) string { return "" }); err != nil || now().IsZero() {
		t.Errorf("unset: %v, %v; want the real clock", now(), err)
	}
	for _, v := range []string{"tomorrow", "1900-01-01", "9999-12-31T00:00:00Z"} {
		if _, err := clockFrom(func(string) string { return v }); err == nil || !strings.Contains(err.Error(), envNow) {
			t.Errorf("%s: err = %v, want a message naming %s", v, err, envNow)
		}
	}
}
