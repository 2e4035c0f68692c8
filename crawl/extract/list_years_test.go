package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// monthDayPage is a TRS-style column page, newest first, whose [MM-DD]
// dates run back more than a year from ref (2026-03-20).
func monthDayPage(dates ...string) string {
	var b strings.Builder
	b.WriteString(`<html><body><div class="list"><ul>`)
	for i, d := range dates {
		fmt.Fprintf(&b, `<li><a href="./t%d.html" title="条目%d">条目%d</a><span>%s</span></li>`, i, i, i, d)
	}
	b.WriteString(`</ul></div></body></html>`)
	return b.String()
}

func TestExtractListMonthDayYears(t *testing.T) {
	tests := []struct {
		name  string
		dates []string
		want  []time.Time
	}{
		{"within a year", []string{"[03-18]", "[03-02]", "[01-05]"},
			[]time.Time{day(2026, 3, 18), day(2026, 3, 2), day(2026, 1, 5)}},
		// Before: 03-25 and 06-01 fell in 2025 by the reference rule alone,
		// but 03-19 and 11-02 were put in 2026 and 2025.
		{"spanning two years", []string{"[03-18]", "[01-05]", "[12-30]", "[06-01]", "[03-25]", "[03-19]", "[11-02]"},
			[]time.Time{day(2026, 3, 18), day(2026, 1, 5), day(2025, 12, 30), day(2025, 6, 1), day(2025, 3, 25), day(2025, 3, 19), day(2024, 11, 2)}},
		{"first entry keeps the reference rule", []string{"[03-21]", "[03-21]", "[03-22]"},
			[]time.Time{day(2026, 3, 21), day(2026, 3, 21), day(2025, 3, 22)}},
		{"full dates anchor the entries below", []string{"[03-10]", "2024-12-01", "[11-30]", "[12-02]"},
			[]time.Time{day(2026, 3, 10), day(2024, 12, 1), day(2024, 11, 30), day(2023, 12, 2)}},
		{"a future full date does not lift the year", []string{"2027-05-01", "[04-01]"},
			[]time.Time{day(2027, 5, 1), day(2025, 4, 1)}},
		{"leap day", []string{"[03-01]", "[02-29]"},
			[]time.Time{day(2026, 3, 1), day(2024, 2, 29)}},
		{"with times", []string{"[03-05 09:30]", "03-05 18:00", "[03-04]"},
			[]time.Time{time.Date(2026, 3, 5, 9, 30, 0, 0, shanghai), time.Date(2026, 3, 5, 18, 0, 0, 0, shanghai), day(2026, 3, 4)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Method: "GET", URL: "http://qu.example.gov.cn/zwgk/tzgg/index.html", Page: 1}
			got, err := ExtractList(profile(t, "trs"), req, monthDayPage(tt.dates...), ref)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Items) != len(tt.want) {
				t.Fatalf("got %d items, want %d: %+v", len(got.Items), len(tt.want), got.Items)
			}
			for i, it := range got.Items {
				if !it.Date.OK || !it.Date.Time.Equal(tt.want[i]) {
					t.Errorf("item %d (%s): date %v (ok %v), want %v", i, it.Date.Raw, it.Date.Time, it.Date.OK, tt.want[i])
				}
			}
		})
	}
}
