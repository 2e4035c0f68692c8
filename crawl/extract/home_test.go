package extract

import (
	"testing"
	"time"
)

func TestNewestDatedLink(t *testing.T) {
	tests := []struct {
		name, file, url string
		wantOK          bool
		wantURL         string
		wantDate        time.Time
	}{
		// The banner's 2027 date is in the future and the event link only
		// mentions a date in its text: neither counts.
		{"home", "home/home.html", "http://qu.example.gov.cn/", true, "http://qu.example.gov.cn/tzgg/202603/t20260319_9.html", day(2026, 3, 19)},
		{"stale", "home/stale.html", "http://zhen.example.gov.cn/index.html", true, "http://zhen.example.gov.cn/news/2025/0903/301.html", day(2025, 9, 3)},
		{"no dates", "home/nodates.html", "http://ju.example.gov.cn/", false, "", time.Time{}},
		{"trs list", "list/trs_index.html", "http://qu.example.gov.cn/zwgk/bmdt/", true, "http://qu.example.gov.cn/zwgk/bmdt/202603/t20260318_4820113.html", day(2026, 3, 18)},
		{"challenge", "challenge/jsl_cookie.html", "http://qu.example.gov.cn/", false, "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := NewestDatedLink(tt.url, readTestdata(t, tt.file), ref)
			if ok != tt.wantOK || got.URL != tt.wantURL || !got.Date.Time.Equal(tt.wantDate) {
				t.Errorf("NewestDatedLink = %+v, %v; want %s %v, %v", got, ok, tt.wantURL, tt.wantDate, tt.wantOK)
			}
		})
	}
}
