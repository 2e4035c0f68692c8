package etl

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"github.com/gongkai/gongkai/config"
)

// Calendar range loaded into the calendar table.
var (
	CalendarFrom = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	CalendarTo   = time.Date(2035, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Sources of a day's working-day flag.
const (
	DayWeekday  = "weekday"
	DayWeekend  = "weekend"
	DayHoliday  = "holiday"  // a statutory holiday (or a day off given for one)
	DayMakeup   = "makeup"   // a weekend day worked in exchange (调休上班)
	DayOverride = "override" // set by config or by BuiltinOverrides
)

// Day is one calendar day.
type Day struct {
	Date      time.Time // midnight UTC of the day
	IsWorkday bool
	Holiday   string // the holiday the day belongs to (or is worked for); "" for an ordinary day
	IsMakeup  bool
	Source    string
	// WorkdayNo counts the working days from the first day built up to and
	// including this one, so the working days strictly after a up to b are
	// WorkdayNo(b) - WorkdayNo(a).
	WorkdayNo int
}

// BuiltinOverrides are days of the published State Council schedules that
// the holiday library lacks. The library (lunar-go v1.4.7) carries the
// notices for 2002 to 2027, the 2026 one (国办发明电〔2025〕7号) included, so
// the list is empty; add a day here, with its notice in the note, when a
// schedule is published before the library knows it. Years after the
// library's last are not official (calendar_years): spans over them are
// errors until their days are added.
var BuiltinOverrides []config.DayOverride

// BuildCalendar returns every day from from to to (inclusive, dates only)
// with its working-day flag: the State Council schedule with make-up
// working days, then BuiltinOverrides, then overrides (the later wins).
// An override whose date does not parse is skipped; config validation and
// CheckOverrides report it.
func BuildCalendar(from, to time.Time, overrides []config.DayOverride) []Day {
	from = dateOnly(from)
	to = dateOnly(to)
	over := map[string]config.DayOverride{}
	for _, list := range [][]config.DayOverride{BuiltinOverrides, overrides} {
		for _, o := range list {
			d, err := time.Parse(time.DateOnly, o.Date)
			if err != nil {
				continue
			}
			over[d.Format(time.DateOnly)] = o
		}
	}
	var days []Day
	n := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		day := scheduleDay(d)
		if o, ok := over[d.Format(time.DateOnly)]; ok {
			day.IsWorkday = o.Workday
			day.IsMakeup = false
			day.Source = DayOverride
			if o.Note != "" {
				day.Holiday = o.Note
			}
		}
		if day.IsWorkday {
			n++
		}
		day.WorkdayNo = n
		days = append(days, day)
	}
	return days
}

// CheckOverrides reports the first override whose date does not parse.
func CheckOverrides(overrides []config.DayOverride) error {
	for _, o := range overrides {
		if _, err := time.Parse(time.DateOnly, o.Date); err != nil {
			return fmt.Errorf("calendar override %q: not a date like 2026-10-08", o.Date)
		}
	}
	return nil
}

// Sources of a year's schedule (calendar_years.source).
const (
	YearStateCouncil = "state_council"
	YearOverrides    = "overrides"
	YearNone         = "none"
)

// Year says whether a calendar year's working days are known.
type Year struct {
	Year     int
	Official bool
	Source   string
}

// ScheduleYears says, for every year from from to to, whether its
// holidays are known: the built-in State Council schedule has the year
// (a holiday that belongs to it, not only a make-up day for the next
// year's New Year), or overrides give at least one of its days (the
// office entered the year's schedule itself).
func ScheduleYears(from, to int, overrides []config.DayOverride) []Year {
	entered := map[int]bool{}
	for _, list := range [][]config.DayOverride{BuiltinOverrides, overrides} {
		for _, o := range list {
			if d, err := time.Parse(time.DateOnly, o.Date); err == nil {
				entered[d.Year()] = true
			}
		}
	}
	var out []Year
	for y := from; y <= to; y++ {
		yr := Year{Year: y, Source: YearNone}
		switch {
		case libraryHas(y):
			yr.Official, yr.Source = true, YearStateCouncil
		case entered[y]:
			yr.Official, yr.Source = true, YearOverrides
		}
		out = append(out, yr)
	}
	return out
}

// libraryHas reports whether the holiday library carries the State
// Council schedule of year y.
func libraryHas(y int) bool {
	for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
		if h, ok := e.Value.(*HolidayUtil.Holiday); ok && strings.HasPrefix(h.GetTarget(), strconv.Itoa(y)) {
			return true
		}
	}
	return false
}

// scheduleDay is a day as the State Council schedule has it.
func scheduleDay(d time.Time) Day {
	weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	day := Day{Date: d, IsWorkday: !weekend, Source: DayWeekday}
	if weekend {
		day.Source = DayWeekend
	}
	h := HolidayUtil.GetHoliday(d.Format("20060102"))
	if h == nil {
		return day
	}
	day.Holiday = h.GetName()
	if h.IsWork() {
		day.IsWorkday = true
		day.IsMakeup = weekend
		day.Source = DayMakeup
	} else {
		day.IsWorkday = false
		day.Source = DayHoliday
	}
	return day
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
