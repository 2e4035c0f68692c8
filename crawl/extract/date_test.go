package extract

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ref is the crawl moment all tests use: 2026-03-20 10:00 in Shanghai.
var ref = time.Date(2026, 3, 20, 10, 0, 0, 0, shanghai)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, shanghai) }

func at(y, m, d, h, mi, s int) time.Time {
	return time.Date(y, time.Month(m), d, h, mi, s, 0, shanghai)
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		raw     string
		ref     time.Time
		want    time.Time
		hasTime bool
	}{
		{raw: "2026-03-05", want: day(2026, 3, 5)},
		{raw: "2026/3/5", want: day(2026, 3, 5)},
		{raw: "2026.03.05", want: day(2026, 3, 5)},
		{raw: "2026年3月5日", want: day(2026, 3, 5)},
		{raw: "2026年03月05日", want: day(2026, 3, 5)},
		{raw: "2026 年 3 月 5 日", want: day(2026, 3, 5)},
		{raw: "2026年3月5", want: day(2026, 3, 5)},
		{raw: "2026年03月05日 09时30分", want: at(2026, 3, 5, 9, 30, 0), hasTime: true},
		{raw: "2026年3月2日 09:30", want: at(2026, 3, 2, 9, 30, 0), hasTime: true},
		{raw: "2026-03-05 09:30", want: at(2026, 3, 5, 9, 30, 0), hasTime: true},
		{raw: "2026-03-05 09:30:15", want: at(2026, 3, 5, 9, 30, 15), hasTime: true},
		{raw: "2026-03-05T09:30:15", want: at(2026, 3, 5, 9, 30, 15), hasTime: true},
		{raw: "2026-03-05T01:30:00Z", want: at(2026, 3, 5, 9, 30, 0), hasTime: true},
		{raw: "2026-03-05T09:30:00+08:00", want: at(2026, 3, 5, 9, 30, 0), hasTime: true},
		{raw: "2026-03-05 25:30", want: day(2026, 3, 5)},
		{raw: "[03-05]", want: day(2026, 3, 5)},
		{raw: "26-03-05", want: day(2026, 3, 5)},
		{raw: "[26/03/05]", want: day(2026, 3, 5)},
		{raw: "25-12-30 16:20", want: at(2025, 12, 30, 16, 20, 0), hasTime: true},
		{raw: "03-05", want: day(2026, 3, 5)},
		{raw: "3月5日", want: day(2026, 3, 5)},
		{raw: "03-21", want: day(2026, 3, 21)}, // one day after ref is still this year
		{raw: "03-22", want: day(2025, 3, 22)}, // later than that is last year
		{raw: "12-31", want: day(2025, 12, 31)},
		{raw: "[12-31]", ref: time.Date(2026, 12, 31, 8, 0, 0, 0, shanghai), want: day(2026, 12, 31)},
		{raw: "01-01", ref: time.Date(2026, 12, 31, 8, 0, 0, 0, shanghai), want: day(2027, 1, 1)}, // within the one-day allowance
		{raw: "01-02", ref: time.Date(2026, 12, 31, 8, 0, 0, 0, shanghai), want: day(2026, 1, 2)},
		{raw: "02-29", want: day(2024, 2, 29)},
		{raw: "03-05 14:20", want: at(2026, 3, 5, 14, 20, 0), hasTime: true},
		{raw: "1772668800000", want: at(2026, 3, 5, 8, 0, 0), hasTime: true},
		{raw: "1772640000000", want: day(2026, 3, 5)},
		{raw: "1772674200", want: at(2026, 3, 5, 9, 30, 0), hasTime: true},
		{raw: "２０２６－０３－０５", want: day(2026, 3, 5)},
		{raw: "２０２６年３月５日", want: day(2026, 3, 5)},
		{raw: "发布时间：2026-03-05", want: day(2026, 3, 5)},
		{raw: "发布日期:　2026-03-05　浏览次数：12", want: day(2026, 3, 5)},
		{raw: "　2026-03-05\u00a0", want: day(2026, 3, 5)},
		{raw: "(2026-03-05)", want: day(2026, 3, 5)},
		{raw: "2024-02-29", want: day(2024, 2, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			r := tt.ref
			if r.IsZero() {
				r = ref
			}
			got := ParseDate(tt.raw, r)
			if !got.OK || !got.Time.Equal(tt.want) || got.HasTime != tt.hasTime || got.Raw != tt.raw {
				t.Errorf("ParseDate(%q) = %+v, want %v hasTime=%v", tt.raw, got, tt.want, tt.hasTime)
			}
			if got.Time.Location() != shanghai {
				t.Errorf("location = %v, want Asia/Shanghai fixed zone", got.Time.Location())
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, raw := range []string{
		"", "无", "发布时间：", "2026-13-05", "2026-02-30", "2025-02-29", "2026-3", "2026年3月",
		"13-05", "02-30", "0571-87654321", "12345678901", "123456789012", "20260305",
		"1900年3月5日", "2026-03/05", "3月5", "第3-5条", "2026年13月5日", "1234567890123456",
		"2026-0305", "99999-03-05", "26-03/05", "26-13-05", "126-03-05",
	} {
		t.Run(raw, func(t *testing.T) {
			got := ParseDate(raw, ref)
			if got.OK || !got.Time.IsZero() || got.Raw != raw {
				t.Errorf("ParseDate(%q) = %+v, want not OK with Raw kept", raw, got)
			}
		})
	}
}

func TestParseDateNoRef(t *testing.T) {
	if got := ParseDate("03-05", time.Time{}); got.OK {
		t.Errorf("month-day without ref = %+v, want not OK", got)
	}
	if got := ParseDate("2026-03-05", time.Time{}); !got.OK {
		t.Errorf("full date without ref = %+v, want OK", got)
	}
}

// FuzzParseDate checks that parsing never panics and that a parsed date is
// always present in the input: its year (unless month-day), month and day
// digits, or the epoch digits.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2026-03-05", "2026/3/5", "2026.03.05", "2026年3月5日", "2026年03月05日 09时30分",
		"2026-03-05 09:30:00", "[03-05]", "03-05", "1772668800000", "1772674200", "２０２６－０３－０５",
		"发布时间：2026-03-05", "2026-02-30", "3月5日", "0571-87654321", "2026-03-05T01:30:00Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d := ParseDate(raw, ref)
		if d.Raw != raw {
			t.Fatalf("Raw = %q, want %q", d.Raw, raw)
		}
		if !d.OK {
			if !d.Time.IsZero() {
				t.Fatalf("not OK but Time = %v", d.Time)
			}
			return
		}
		in := foldWidth(raw)
		compact := squash(in)
		if strings.Contains(compact, strconv.FormatInt(d.Time.UnixMilli(), 10)) ||
			strings.Contains(compact, strconv.FormatInt(d.Time.Unix(), 10)) {
			return
		}
		// A time with a zone suffix may move the day; check the date as written.
		if strings.ContainsAny(in, "Z+") || strings.Count(in, "-") > 2 {
			return
		}
		m, dd := int(d.Time.Month()), d.Time.Day()
		hasMonth := strings.Contains(in, fmt.Sprint(m))
		hasDay := strings.Contains(in, fmt.Sprint(dd))
		if !hasMonth || !hasDay {
			t.Fatalf("ParseDate(%q) = %v: month or day not in input", raw, d.Time)
		}
		year := strconv.Itoa(d.Time.Year())
		if !strings.Contains(in, year) && d.Time.Year() > ref.Year()-9 && !strings.Contains(in, "-") && !strings.Contains(in, "月") {
			t.Fatalf("ParseDate(%q) = %v: year not in input", raw, d.Time)
		}
	})
}
