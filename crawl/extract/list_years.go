package extract

import "time"

// monthDayYears gives the month-day dates of a list page ([10-11], 3月5日)
// their years from the page itself. ParseDate can only place such a date in
// the latest year that does not put it after the crawl, which is wrong for
// the older entries of a page spanning more than a year. Lists are newest
// first, so walking down the page each month-day date takes the latest year
// in which it is not after the entry above it (the previous dated entry,
// whatever its format) nor more than a day after ref; the first dated entry
// keeps the reference-date rule. A page listed oldest first, or with an old
// pinned entry on top, would push the entries below back a year: the order
// is what the rule relies on.
func monthDayYears(items []ListItem, ref time.Time) {
	if ref.IsZero() {
		return
	}
	refLimit := ref.In(shanghai).Add(24 * time.Hour)
	var prev time.Time
	for i := range items {
		d := &items[i].Date
		if !d.OK {
			continue
		}
		if !prev.IsZero() {
			limit := dayStart(prev)
			if refLimit.Before(limit) {
				limit = refLimit
			}
			// A date already within the limit keeps its year: ParseDate gave
			// a month-day date the latest year up to refLimit, so also the
			// latest up to an earlier limit. Only dates past the limit are
			// worth asking whether they carry a year.
			if dayStart(d.Time).After(limit) && isMonthDay(d.Raw) {
				if t, hasTime, ok := findMDNotAfter(foldWidth(d.Raw), limit); ok {
					d.Time, d.HasTime = t, hasTime
				}
			}
		}
		prev = d.Time
	}
}

// isMonthDay reports whether a parsed date's text carries no year: it
// parses only with a reference date.
func isMonthDay(raw string) bool {
	return !parseDate(raw, time.Time{}).OK
}

// dayStart is the start of t's day in Shanghai.
func dayStart(t time.Time) time.Time {
	t = t.In(shanghai)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, shanghai)
}
