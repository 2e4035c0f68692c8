package crawl

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/domain"
)

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ev     evidence
		want   string
		reason string
	}{
		{"fetch error", evidence{Err: "HTTP 503 Service Unavailable", Pages: 1}, domain.VerdictFailed, "HTTP 503 Service Unavailable"},
		{"error after items", evidence{Err: "HTTP 500 Internal Server Error", Pages: 3, Distinct: 40}, domain.VerdictFailed,
			"HTTP 500 Internal Server Error (after 40 items on 3 pages)"},
		{"challenge", evidence{Blocked: true, Err: "waf cookie challenge"}, domain.VerdictBlocked, "waf cookie challenge"},
		{"scripts build the list", evidence{NeedsBrowser: true, Pages: 1}, domain.VerdictNeedsBrowser, "the list is written by scripts; static reading cannot list it"},
		{"rendered by a browser", evidence{NeedsBrowser: true, Rendered: true, Pages: 1, Distinct: 5, LastPage: true}, domain.VerdictComplete,
			"read every page (1) by the site's pager, 5 items"},
		{"max_pages", evidence{Bound: "max_pages (2)", Pages: 2, Distinct: 40, SiteTotal: 60}, domain.VerdictPartial,
			"stopped by max_pages (2) after 2 pages, 40 items of 60 the site states"},
		{"fewer than the site states", evidence{Pages: 2, Distinct: 18, SiteTotal: 48}, domain.VerdictPartial, "read 18 of the 48 items the site states"},
		{"the site's total read", evidence{Pages: 2, Distinct: 48, SiteTotal: 48, TotalPages: 10, MaxPage: 2}, domain.VerdictComplete, "read 48 items; the site states 48"},
		{"pager not followed", evidence{Pages: 1, Distinct: 20, TotalPages: 5, MaxPage: 1, PagerSeen: true}, domain.VerdictPartial,
			"read 1 of the 5 pages the site states; the next page could not be reached"},
		{"every page by the pager", evidence{Pages: 5, Distinct: 90, TotalPages: 5, MaxPage: 5}, domain.VerdictComplete, "read every page (5) by the site's pager, 90 items"},
		{"last page says so", evidence{Pages: 3, Distinct: 50, LastPage: true, MaxPage: 3}, domain.VerdictComplete, "read every page (3) by the site's pager, 50 items"},
		{"no next page, no pager", evidence{Pages: 4, Distinct: 70, MaxPage: 4}, domain.VerdictComplete, "read 4 pages to the last without a next page, 70 items"},
		{"pager seen, nothing to follow", evidence{Pages: 1, Distinct: 20, MaxPage: 1, PagerSeen: true}, domain.VerdictPartial,
			"a pager was seen but no next page could be read from it"},
		{"pages left", evidence{Pages: 2, Distinct: 30, MaxPage: 2, NextLeft: true}, domain.VerdictPartial, "stopped with pages left to read after 2 pages"},
		{"incremental", evidence{Pages: 1, Distinct: 12, Incremental: true, Previous: 90}, domain.VerdictComplete,
			"read until items seen in earlier runs (12 items, 1 page)"},
		{"same list on every page", evidence{Pages: 2, Distinct: 5, SamePages: true, NextLeft: true}, domain.VerdictSuspect,
			"every one of 2 pages lists the same 5 items"},
		{"sidebar taken for the list", evidence{Pages: 1, Distinct: 5, Chrome: 5}, domain.VerdictSuspect,
			"5 of 5 items are links the unit's other pages show too (navigation or sidebar)"},
		{"a few shared links", evidence{Pages: 1, Distinct: 20, Chrome: 3}, domain.VerdictComplete, "read 1 page to the last without a next page, 20 items"},
		{"a latest box sharing most of a list", evidence{Pages: 1, Distinct: 10, Chrome: 7}, domain.VerdictComplete, "read 1 page to the last without a next page, 10 items"},
		{"four in five shared", evidence{Pages: 1, Distinct: 10, Chrome: 8}, domain.VerdictSuspect, "8 of 10 items are links the unit's other pages show too (navigation or sidebar)"},
		{"selector drift", evidence{Pages: 1, Previous: 30}, domain.VerdictSuspect, "list matched nothing; earlier runs listed 30 items"},
		{"far fewer than before", evidence{Pages: 1, Distinct: 5, Previous: 60}, domain.VerdictSuspect, "read 5 items; earlier runs read 60"},
		{"dated rows, nothing read", evidence{Pages: 1, DatedRows: 15}, domain.VerdictSuspect, "the page shows 15 dated rows but none was read"},
		{"empty notice", evidence{Pages: 1, EmptyNotice: true, TotalPages: 1}, domain.VerdictEmpty, "the site says the list is empty"},
		{"empty notice beside a pager of pages", evidence{Pages: 1, EmptyNotice: true, TotalPages: 4, PagerSeen: true}, domain.VerdictSuspect,
			"the page has a pager but no item was read"},
		{"one page by the pager, no dated row", evidence{Pages: 1, TotalPages: 1, MaxPage: 1}, domain.VerdictEmpty, "the pager says one page, and it has no dated row"},
		{"nothing, no word", evidence{Pages: 1}, domain.VerdictSuspect, "the page answered but nothing was read, and it does not say it is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, why := verdict(tc.ev)
			if v != tc.want || why != tc.reason {
				t.Errorf("verdict = %q %q, want %q %q", v, why, tc.want, tc.reason)
			}
		})
	}
}

func TestHomeVerdict(t *testing.T) {
	for _, tc := range []struct {
		outcome string
		dated   bool
		want    string
	}{
		{"ok", true, domain.VerdictComplete},
		{"ok", false, domain.VerdictSuspect},
		{"blocked", false, domain.VerdictBlocked},
		{"failed", false, domain.VerdictFailed},
		{"robots", false, domain.VerdictFailed},
	} {
		if got := homeVerdict(tc.outcome, tc.dated); got != tc.want {
			t.Errorf("homeVerdict(%q, %v) = %q, want %q", tc.outcome, tc.dated, got, tc.want)
		}
	}
}

func TestChromeCounts(t *testing.T) {
	home := []string{"http://a/x/1.html", "http://a/hot/1.html", "http://a/hot/2.html"}
	sources := []*source{
		// A sidebar box taken for the list: its links are on every page.
		{items: []string{"http://a/hot/1.html", "http://a/hot/2.html"}, links: []string{"http://a/hot/1.html", "http://a/hot/2.html"}},
		// A real list, one item also listed in the next column and on the
		// home page: not chrome.
		{items: []string{"http://a/x/1.html", "http://a/x/2.html"}, links: []string{"http://a/x/1.html", "http://a/x/2.html", "http://a/hot/1.html", "http://a/hot/2.html"}},
		{items: []string{"http://a/y/1.html"}, links: []string{"http://a/y/1.html", "http://a/x/1.html", "http://a/hot/1.html", "http://a/hot/2.html"}},
	}
	got := chromeCounts(sources, home)
	want := []int{2, 1, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("chromeCounts = %v, want %v", got, want)
			break
		}
	}
}

// TestDriftBetweenRuns: a column that listed twelve items reads nothing, or
// three links it never saw, the month after: a changed layout, not a column
// emptied overnight.
func TestDriftBetweenRuns(t *testing.T) {
	var entries [][3]string
	for i := range 12 {
		entries = append(entries, [3]string{fmt.Sprintf("%d.html", i), fmt.Sprintf("通知%d", i), fmt.Sprintf("2026-10-%02d", 20-i)})
	}
	for _, tc := range []struct {
		name, page, want string
	}{
		{"nothing", `<html><body><div id="app"></div></body></html>`, "suspect 0 list matched nothing; earlier runs listed 12 items"},
		{"a few other links", trsList([3]string{"x.html", "专题一", "2026-11-20"}, [3]string{"y.html", "专题二", "2026-11-19"}, [3]string{"z.html", "专题三", "2026-11-18"}),
			"suspect 3 read 3 items; earlier runs read 12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var later atomic.Bool
			routes := map[string]http.HandlerFunc{
				"/zwgk/index.html": func(w http.ResponseWriter, r *http.Request) {
					if later.Load() {
						html(tc.page)(w, r)
						return
					}
					html(trsList(entries...))(w, r)
				},
			}
			for _, e := range append(entries, [3]string{"x.html", "专题一", "2026-11-20"}, [3]string{"y.html", "专题二", "2026-11-19"}, [3]string{"z.html", "专题三", "2026-11-18"}) {
				routes["/zwgk/"+e[0]] = html(detailPage(e[1], e[2]))
			}
			s := newSite(t, routes)
			opts := siteOptions(t, siteConfig(s.URL+"/zwgk/index.html"))
			runCrawl(t, opts)
			later.Store(true)
			opts.Now = func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai) }
			res := runCrawl(t, opts)
			c := readRecords(t, res.Run, []string{"u1"}).columns[0]
			if got := fmt.Sprintf("%s %d %s", c.Verdict, c.Distinct, c.VerdictReason); got != tc.want {
				t.Errorf("later column %q, want %q", got, tc.want)
			}
		})
	}
}
