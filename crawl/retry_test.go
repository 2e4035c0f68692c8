package crawl

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/domain"
)

// TestRetryFailedHeals crawls two units, one of them with a column whose
// server fails, then re-crawls only that unit into the same run: first
// while the whole site is down (the earlier read is kept), then healed.
func TestRetryFailedHeals(t *testing.T) {
	var down, colBDown atomic.Bool
	colBDown.Store(true)
	guard := func(h http.HandlerFunc, col *atomic.Bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if down.Load() || (col != nil && col.Load()) {
				status(503, "<html><body>维护中</body></html>")(w, r)
				return
			}
			h(w, r)
		}
	}
	s1 := newSite(t, map[string]http.HandlerFunc{
		"/a/index.html": guard(html(trsList([3]string{"1.html", "甲", "2026-10-01"})), nil),
		"/a/1.html":     guard(html(detailPage("甲", "2026-10-01")), nil),
		"/b/index.html": guard(html(trsList([3]string{"2.html", "乙", "2026-10-02"})), &colBDown),
		"/b/2.html":     guard(html(detailPage("乙", "2026-10-02")), &colBDown),
	})
	s2 := newSite(t, map[string]http.HandlerFunc{
		"/a/index.html": html(trsList([3]string{"3.html", "丙", "2026-10-03"})),
		"/a/3.html":     html(detailPage("丙", "2026-10-03")),
	})
	cfg := siteConfig(s1.URL + "/a/index.html")
	cfg.Crawl.Retries = 0
	cfg.Units[0].Columns = append(cfg.Units[0].Columns, config.Column{ID: "b", Name: "工作动态", URL: s1.URL + "/b/index.html", Profile: "trs"})
	cfg.Units = append(cfg.Units, config.Unit{ID: "u2", Name: "城关镇", Kind: "乡镇",
		Columns: []config.Column{{ID: "a2", Name: "通知公告", URL: s2.URL + "/a/index.html", Profile: "trs"}}})
	opts := siteOptions(t, cfg)
	first := runCrawl(t, opts)

	verdicts := func(res *Result) string {
		r := readRecords(t, res.Run, []string{"u1", "u2"})
		out := ""
		for _, c := range r.columns {
			out += fmt.Sprintf("%s:%s:%d ", c.ColumnID, c.Verdict, c.Distinct)
		}
		return out
	}
	if got, want := verdicts(first), "tzgg:complete:1 b:failed:0 a2:complete:1 "; got != want {
		t.Fatalf("first run %q, want %q", got, want)
	}

	retry := opts
	retry.RetryFailed = true
	before2 := len(s2.requests())

	// The whole site is down now: the retry reads less, the earlier
	// files stay.
	down.Store(true)
	res := runCrawl(t, retry)
	if res.Run.ID != first.Run.ID {
		t.Errorf("retry wrote run %s, want the same run %s", res.Run.ID, first.Run.ID)
	}
	if got, want := verdicts(res), "tzgg:complete:1 b:failed:0 a2:complete:1 "; got != want {
		t.Errorf("after a failed retry %q, want the earlier read %q", got, want)
	}

	// Healed: only u1 is crawled again, and its files are replaced.
	down.Store(false)
	colBDown.Store(false)
	res = runCrawl(t, retry)
	if got, want := verdicts(res), "tzgg:complete:1 b:complete:1 a2:complete:1 "; got != want {
		t.Errorf("after the retry %q, want %q", got, want)
	}
	if n := len(s2.requests()) - before2; n != 0 {
		t.Errorf("u2 had nothing to retry but got %d requests", n)
	}
	if len(res.Failed) != 0 || !res.Manifest.Complete || res.Manifest.Cutoff != first.Manifest.Cutoff {
		t.Errorf("manifest failed=%v complete=%v cutoff=%s, want none, true, %s", res.Failed, res.Manifest.Complete, res.Manifest.Cutoff, first.Manifest.Cutoff)
	}
	for _, u := range res.Manifest.Units {
		if u.UnitID == "u1" && (u.Items != 2 || u.Error != "") {
			t.Errorf("manifest u1 %+v, want 2 items, no error", u)
		}
	}

	// Nothing left to retry: nothing is requested.
	n1 := len(s1.requests())
	runCrawl(t, retry)
	if n := len(s1.requests()) - n1; n != 0 {
		t.Errorf("a retry with nothing to retry made %d requests", n)
	}
}

// TestEverySourceFailedFailsTheUnit: a unit whose every column failed or
// was blocked failed as a whole, though its home page answered.
func TestEverySourceFailedFailsTheUnit(t *testing.T) {
	challenge := `<html><head><script>document.cookie="waf_token=abc;path=/";location.reload();</script></head><body></body></html>`
	s := newSite(t, map[string]http.HandlerFunc{
		"/":             html(`<html><body><ul><li><a href="/a/1.html">甲</a><span>2026-10-01</span></li></ul></body></html>`),
		"/a/index.html": status(500, "<html><body>error</body></html>"),
		"/b/index.html": html(challenge),
	})
	cfg := siteConfig(s.URL + "/a/index.html")
	cfg.Crawl.Retries = 0
	cfg.Units[0].Home = s.URL + "/"
	cfg.Units[0].Columns = append(cfg.Units[0].Columns, config.Column{ID: "b", Name: "工作动态", URL: s.URL + "/b/index.html", Profile: "trs"})
	res := runCrawl(t, siteOptions(t, cfg))
	if len(res.Failed) != 1 || res.Failed[0].Err.Error() != "every column and mailbox (2) failed or was blocked" {
		t.Errorf("failed %v, want u1: every column and mailbox failed", res.Failed)
	}
	if u := res.Manifest.Units[0]; u.Error == "" || !u.Done {
		t.Errorf("manifest %+v, want done with an error", u)
	}
	r := readRecords(t, res.Run, []string{"u1"})
	if len(r.homes) != 1 || r.homes[0].Verdict != domain.VerdictComplete {
		t.Errorf("home %+v, want complete", r.homes)
	}
	if r.columns[1].Verdict != domain.VerdictBlocked {
		t.Errorf("column b %s, want blocked", r.columns[1].Verdict)
	}
}
