package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// shanghai is China Standard Time. China has had no daylight saving time
// since 1991, so a fixed zone is exact and needs no tz database.
var shanghai = time.FixedZone("CST", 8*3600)

const sp = `[ \t\r\n]*`

var (
	// A date with its year. The separators must agree (2026-03-05,
	// 2026/3/5, 2026.03.05 or 2026年3月5日) so that stray numbers are not
	// read as dates.
	reYMD = regexp.MustCompile(`(\d{4})` + sp + `(?:(-)` + sp + `(\d{1,2})` + sp + `-` +
		`|(/)` + sp + `(\d{1,2})` + sp + `/` +
		`|(\.)` + sp + `(\d{1,2})` + sp + `\.` +
		`|(年)` + sp + `(\d{1,2})` + sp + `月)` + sp + `(\d{1,2})(` + sp + `日)?`)
	// A month-day date: 03-05, [03-05], 3月5日. The dashed form must be
	// zero-padded, as list pages write it; "第3-5条" is not a date.
	reMD = regexp.MustCompile(`(\d{2})-(\d{2})|(\d{1,2})` + sp + `月` + sp + `(\d{1,2})` + sp + `日`)
	// An optional time of day right after a date.
	reClock = regexp.MustCompile(`^(?:` + sp + `T|[ \t\r\n]+|)` + sp + `(\d{1,2})` + sp + `(?::|时|点)` + sp +
		`(\d{1,2})(?:` + sp + `(?::|分)` + sp + `(\d{1,2})(?:` + sp + `秒)?|` + sp + `分)?` +
		`(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?`)
	reEpoch = regexp.MustCompile(`^(\d{13}|\d{10})$`)
	// A two-digit year: 26-03-05 or 26/03/05, zero-padded as lists print it.
	reYYMD = regexp.MustCompile(`(\d{2})([-/])(\d{2})([-/])(\d{2})`)
)

func parseDate(raw string, ref time.Time) Date {
	d := Date{Raw: raw}
	s := foldWidth(raw)
	if m := reEpoch.FindString(strings.TrimSpace(s)); m != "" {
		n, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			return d
		}
		var t time.Time
		if len(m) == 13 {
			t = time.UnixMilli(n)
		} else {
			t = time.Unix(n, 0)
		}
		t = t.In(shanghai)
		if t.Year() < minYear || t.Year() > maxYear {
			return d
		}
		// Midnight in Shanghai is how APIs store a bare date.
		hasTime := t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0
		d.Time, d.HasTime, d.OK = t, hasTime, true
		return d
	}
	if t, hasTime, ok := findYMD(s); ok {
		d.Time, d.HasTime, d.OK = t, hasTime, true
		return d
	}
	if t, hasTime, ok := findYYMD(s, ref); ok {
		d.Time, d.HasTime, d.OK = t, hasTime, true
		return d
	}
	if t, hasTime, ok := findMD(s, ref); ok {
		d.Time, d.HasTime, d.OK = t, hasTime, true
	}
	return d
}

const (
	minYear = 1949
	maxYear = 2199
)

// findYMD returns the first valid full date in s.
func findYMD(s string) (time.Time, bool, bool) {
	for _, m := range reYMD.FindAllStringSubmatchIndex(s, -1) {
		if !digitBoundary(s, m[0], m[1]) {
			continue
		}
		year := atoi(s[m[2]:m[3]])
		var month int
		for g := 3; g <= 9; g += 2 { // the month group of whichever separator matched
			if m[2*g] >= 0 {
				month = atoi(s[m[2*g]:m[2*g+1]])
				break
			}
		}
		day := atoi(s[m[20]:m[21]])
		if year < minYear || year > maxYear {
			continue
		}
		t, hasTime, ok := withClock(s[m[1]:], year, month, day)
		if ok {
			return t, hasTime, true
		}
	}
	return time.Time{}, false, false
}

// findYYMD returns the first valid two-digit-year date in s (26-03-05),
// taken in this century; without ref it is not parsed, as a month-day
// date is not: both are read only where the crawl gives a context.
func findYYMD(s string, ref time.Time) (time.Time, bool, bool) {
	if ref.IsZero() {
		return time.Time{}, false, false
	}
	for _, m := range reYYMD.FindAllStringSubmatchIndex(s, -1) {
		if !digitBoundary(s, m[0], m[1]) || s[m[4]:m[5]] != s[m[8]:m[9]] || precededBy(s, m[0], "-/.") || followedBy(s, m[1], "-/.") {
			continue
		}
		year := 2000 + atoi(s[m[2]:m[3]])
		t, hasTime, ok := withClock(s[m[1]:], year, atoi(s[m[6]:m[7]]), atoi(s[m[10]:m[11]]))
		if !ok {
			continue
		}
		return t, hasTime, true
	}
	return time.Time{}, false, false
}

// findMD returns the first valid month-day date in s, in the latest year
// that does not put it more than one day after ref.
func findMD(s string, ref time.Time) (time.Time, bool, bool) {
	if ref.IsZero() {
		return time.Time{}, false, false
	}
	return findMDNotAfter(s, ref.In(shanghai).Add(24*time.Hour))
}

// findMDNotAfter returns the first valid month-day date in s, in the latest
// year whose day does not start after limit.
func findMDNotAfter(s string, limit time.Time) (time.Time, bool, bool) {
	limit = limit.In(shanghai)
	for _, m := range reMD.FindAllStringSubmatchIndex(s, -1) {
		if !digitBoundary(s, m[0], m[1]) {
			continue
		}
		byChar := m[6] >= 0 // 3月5日
		if byChar && strings.HasSuffix(strings.TrimRight(s[:m[0]], " \t\r\n"), "年") {
			// A month-day after a year we rejected must not borrow the
			// crawl's year.
			continue
		}
		// A month-day date must not be part of a longer dashed number such as
		// a phone number or a full date we could not validate.
		if !byChar && (precededBy(s, m[0], "-/.") || followedBy(s, m[1], "-/.:")) {
			continue
		}
		month, day := 0, 0
		if byChar {
			month, day = atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		} else {
			month, day = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		}
		// 29 February may need to go back up to eight years.
		for year := limit.Year(); year >= limit.Year()-8; year-- {
			t, hasTime, ok := withClock(s[m[1]:], year, month, day)
			if !ok {
				if validDay(year, month, day) {
					break // the clock was invalid, not the day
				}
				continue
			}
			dayStart := time.Date(year, time.Month(month), day, 0, 0, 0, 0, shanghai)
			if dayStart.After(limit) {
				continue
			}
			return t, hasTime, true
		}
	}
	return time.Time{}, false, false
}

// withClock builds the date, reading an optional time of day from rest.
func withClock(rest string, year, month, day int) (time.Time, bool, bool) {
	if !validDay(year, month, day) {
		return time.Time{}, false, false
	}
	c := reClock.FindStringSubmatchIndex(rest)
	if c == nil || followedByDigit(rest, c[1]) {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, shanghai), false, true
	}
	hour, minute, sec := atoi(rest[c[2]:c[3]]), atoi(rest[c[4]:c[5]]), 0
	if c[6] >= 0 {
		sec = atoi(rest[c[6]:c[7]])
	}
	if hour > 23 || minute > 59 || sec > 59 {
		// A bad clock does not spoil a good date.
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, shanghai), false, true
	}
	loc := shanghai
	if c[8] >= 0 {
		loc = zoneOf(rest[c[8]:c[9]])
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc).In(shanghai)
	return t, true, true
}

func zoneOf(z string) *time.Location {
	if z == "Z" {
		return time.UTC
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	h, m := atoi(digits[:2]), atoi(digits[2:])
	return time.FixedZone("", sign*(h*3600+m*60))
}

func validDay(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Day() == day && int(t.Month()) == month
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func digitBoundary(s string, start, end int) bool {
	return !(start > 0 && isDigit(s[start-1])) && !followedByDigit(s, end)
}

func followedByDigit(s string, i int) bool { return i < len(s) && isDigit(s[i]) }

func precededBy(s string, i int, set string) bool {
	return i > 0 && strings.IndexByte(set, s[i-1]) >= 0 && i > 1 && isDigit(s[i-2])
}

func followedBy(s string, i int, set string) bool {
	return i+1 < len(s) && strings.IndexByte(set, s[i]) >= 0 && isDigit(s[i+1])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
