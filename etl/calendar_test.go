package etl

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestBuildCalendar(t *testing.T) {
	t.Parallel()
	days := BuildCalendar(date("2025-01-01"), date("2026-12-31"),
		[]config.DayOverride{
			{Date: "2026-03-02", Workday: false, Note: "本地放假"},
			{Date: "2026-03-07", Workday: true},
		})
	byDay := map[string]Day{}
	for _, d := range days {
		byDay[d.Date.Format(time.DateOnly)] = d
	}
	tests := []struct {
		day     string
		work    bool
		makeup  bool
		source  string
		holiday string
	}{
		{"2026-02-14", true, true, DayMakeup, "春节"},    // Saturday worked for the Spring Festival
		{"2026-02-16", false, false, DayHoliday, "春节"}, // Monday in the Spring Festival
		{"2026-02-28", true, true, DayMakeup, "春节"},
		{"2026-09-20", true, true, DayMakeup, "国庆节"},    // Sunday worked for National Day
		{"2026-10-10", true, true, DayMakeup, "国庆节"},    // Saturday worked for National Day
		{"2026-10-08", true, false, DayWeekday, ""},     // Thursday after the holiday
		{"2025-01-26", true, true, DayMakeup, "春节"},     // Sunday worked for the 2025 Spring Festival
		{"2026-10-05", false, false, DayHoliday, "国庆节"}, // Monday in the National Day holiday
		{"2026-01-04", true, true, DayMakeup, "元旦节"},
		{"2026-05-09", true, true, DayMakeup, "劳动节"},
		{"2026-09-25", false, false, DayHoliday, "中秋节"}, // Friday, Mid-Autumn
		{"2026-03-03", true, false, DayWeekday, ""},
		{"2026-03-08", false, false, DayWeekend, ""},
		{"2026-03-02", false, false, DayOverride, "本地放假"}, // a Monday the config gives off
		{"2026-03-07", true, false, DayOverride, ""},      // a Saturday the config makes a working day
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			d, ok := byDay[tt.day]
			if !ok {
				t.Fatal("day missing")
			}
			if d.IsWorkday != tt.work || d.IsMakeup != tt.makeup || d.Source != tt.source || d.Holiday != tt.holiday {
				t.Errorf("%s = work %v makeup %v source %s holiday %q; want %v %v %s %q",
					tt.day, d.IsWorkday, d.IsMakeup, d.Source, d.Holiday, tt.work, tt.makeup, tt.source, tt.holiday)
			}
		})
	}
	if days[0].WorkdayNo != 0 { // 2025-01-01 is New Year's Day
		t.Errorf("first WorkdayNo = %d, want 0", days[0].WorkdayNo)
	}
	for i := 1; i < len(days); i++ {
		want := days[i-1].WorkdayNo
		if days[i].IsWorkday {
			want++
		}
		if days[i].WorkdayNo != want {
			t.Fatalf("%s WorkdayNo = %d, want %d", days[i].Date.Format(time.DateOnly), days[i].WorkdayNo, want)
		}
	}
}

// The 2026 schedule of the State Council (国办发明电〔2025〕7号): every day
// off and every make-up working day.
func TestCalendar2026Schedule(t *testing.T) {
	t.Parallel()
	off := []string{
		"2026-01-01", "2026-01-02", "2026-01-03",
		"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
		"2026-04-04", "2026-04-05", "2026-04-06",
		"2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
		"2026-06-19", "2026-06-20", "2026-06-21",
		"2026-09-25", "2026-09-26", "2026-09-27",
		"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
	}
	makeup := []string{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}
	days := BuildCalendar(date("2026-01-01"), date("2026-12-31"), nil)
	var gotOff, gotMakeup []string
	work := 0
	for _, d := range days {
		weekend := d.Date.Weekday() == time.Saturday || d.Date.Weekday() == time.Sunday
		if !d.IsWorkday && (!weekend || d.Source == DayHoliday) {
			gotOff = append(gotOff, d.Date.Format(time.DateOnly))
		}
		if d.IsMakeup {
			gotMakeup = append(gotMakeup, d.Date.Format(time.DateOnly))
		}
		if d.IsWorkday {
			work++
		}
	}
	if diff := cmp.Diff(off, gotOff); diff != "" {
		t.Errorf("days off (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(makeup, gotMakeup); diff != "" {
		t.Errorf("make-up working days (-want +got):\n%s", diff)
	}
	// 261 weekdays - 19 weekdays off + 6 make-up days.
	if work != 248 {
		t.Errorf("working days in 2026 = %d, want 248", work)
	}
}

func TestCalendarTableAndSpans(t *testing.T) {
	t.Parallel()
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	db := s.DB()
	if n := queryInt(t, db, `SELECT count(*) FROM calendar`); n != 7670 {
		t.Errorf("calendar days = %d, want 7670 (2015-01-01..2035-12-31)", n)
	}
	tests := []struct {
		name, a, b string
		want       int
	}{
		{"Monday to Tuesday", "2026-03-02", "2026-03-03", 1},
		{"same day", "2026-03-03", "2026-03-03", 0},
		{"Friday to Monday", "2026-03-06", "2026-03-09", 1},
		{"across National Day", "2026-09-30", "2026-10-09", 2},
		{"into the make-up Saturday", "2026-10-09", "2026-10-10", 1},
		{"Spring Festival", "2026-02-13", "2026-02-24", 2}, // 02-14 (makeup) and 02-24
		{"whole year 2026", "2025-12-31", "2026-12-31", 248},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := `SELECT (SELECT workday_no FROM calendar WHERE day = CAST($2 AS DATE))
				- (SELECT workday_no FROM calendar WHERE day = CAST($1 AS DATE))`
			if got := queryInt(t, db, q, tt.a, tt.b); got != tt.want {
				t.Errorf("workday_no(b) - workday_no(a) = %d, want %d", got, tt.want)
			}
			if got := queryInt(t, db, `SELECT workdays_between(CAST($1 AS DATE), CAST($2 AS DATE))`, tt.a, tt.b); got != tt.want {
				t.Errorf("workdays_between = %d, want %d", got, tt.want)
			}
		})
	}
	// From Tuesday 09-29: 09-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12.
	got := queryRows(t, db, `SELECT add_workdays(DATE '2026-09-29', 5), add_workdays(DATE '2026-02-13', 1)`)
	if diff := cmp.Diff([]string{"2026-10-12 | 2026-02-14"}, got); diff != "" {
		t.Errorf("add_workdays (-want +got):\n%s", diff)
	}

	if err := s.LoadCalendar(t.Context(), []config.DayOverride{{Date: "2026-03-03", Workday: false, Note: "本地放假"}}); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT workdays_between(DATE '2026-03-02', DATE '2026-03-04')`); got != 1 {
		t.Errorf("span over an overridden day = %d, want 1", got)
	}
	got = queryRows(t, db, `SELECT is_workday, holiday, source FROM calendar WHERE day = DATE '2026-03-03'`)
	if diff := cmp.Diff([]string{"false | 本地放假 | override"}, got); diff != "" {
		t.Errorf("overridden day (-want +got):\n%s", diff)
	}
	if err := s.LoadCalendar(t.Context(), []config.DayOverride{{Date: "2026-3-3"}}); err == nil {
		t.Error("LoadCalendar accepted a bad date")
	}
}
