package etl

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
)

// The holiday library carries the State Council notices up to 2027 (and,
// for 2001, only the make-up days of 2002's New Year): later years are not
// official unless the office enters their days.
func TestScheduleYears(t *testing.T) {
	t.Parallel()
	got := ScheduleYears(2001, 2029, []config.DayOverride{{Date: "2029-01-01", Workday: false, Note: "元旦"}})
	want := map[int]Year{
		2001: {2001, false, YearNone},
		2002: {2002, true, YearStateCouncil},
		2026: {2026, true, YearStateCouncil},
		2027: {2027, true, YearStateCouncil},
		2028: {2028, false, YearNone},
		2029: {2029, true, YearOverrides},
	}
	for _, y := range got {
		if w, ok := want[y.Year]; ok {
			if diff := cmp.Diff(w, y); diff != "" {
				t.Errorf("year %d (-want +got):\n%s", y.Year, diff)
			}
			delete(want, y.Year)
		}
	}
	if len(want) != 0 {
		t.Errorf("years missing: %v", want)
	}

	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	rows := queryRows(t, s.DB(), `SELECT year, official, source FROM calendar_years WHERE year IN (2015, 2027, 2028, 2035) ORDER BY year`)
	if diff := cmp.Diff([]string{"2015 | true | state_council", "2027 | true | state_council", "2028 | false | none", "2035 | false | none"}, rows); diff != "" {
		t.Errorf("calendar_years of a new store (-want +got):\n%s", diff)
	}
}
