package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/landing"
)

// site is a small test website: handlers by path, and a log of what was
// requested.
type site struct {
	*httptest.Server
	mu  sync.Mutex
	log []string
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, r.Method+" "+r.URL.RequestURI())
		s.mu.Unlock()
		h, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

func (s *site) requested(path string) int {
	n := 0
	for _, l := range s.requests() {
		if strings.HasSuffix(l, " "+path) {
			n++
		}
	}
	return n
}

func html(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func status(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(code)
		fmt.Fprint(w, body)
	}
}

// trsList is a one-page TRS list of (href, title, date) entries.
func trsList(entries ...[3]string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body><div class="main"><ul class="list">`)
	for _, e := range entries {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span>%s</span></li>`, e[0], e[1], e[1], e[2])
	}
	b.WriteString(`</ul><div class="page"><script>createPageHTML(1, 0, "index", "html");</script></div></div></body></html>`)
	return b.String()
}

func detailPage(title, date string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>11-2026-0001</td><td>发布机构：</td><td>市教育局</td></tr>
<tr><td>成文日期：</td><td>` + date + `</td><td>发布日期：</td><td>` + date + `</td></tr></table>
<h1>` + title + `</h1><div class="content"><p>正文。</p></div></body></html>`
}

const robotsAdmin = "User-agent: *\nDisallow: /admin/\n"

// siteConfig is a one-unit config with one TRS column on the site.
func siteConfig(columnURL string, hosts ...string) *config.Config {
	return &config.Config{
		Crawl: config.Crawl{UserAgent: "gongkai-test/1", Parallelism: 2, Units: 1, Timeout: config.NewDuration(5 * time.Second),
			Retries: 2, MaxBody: 1 << 20, MaxPages: 10, Overlap: 1, AllowPrivate: true},
		Units: []config.Unit{{ID: "u1", Name: "市教育局", Kind: "部门", Hosts: hosts,
			Columns: []config.Column{{ID: "tzgg", Name: "通知公告", URL: columnURL, Profile: "trs"}}}},
	}
}

func siteOptions(t *testing.T, cfg *config.Config) Options {
	return Options{Config: cfg, Landing: testRoot(t), Logger: testLogger(t),
		Now:       func() time.Time { return time.Date(2026, 11, 1, 10, 0, 0, 0, shanghai) },
		RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond}
}

func pagesOf(r records, url string) []landing.Page {
	var out []landing.Page
	for _, p := range r.pages {
		if p.URL == url {
			out = append(out, p)
		}
	}
	return out
}

func TestRobotsDisallowedNeverRequested(t *testing.T) {
	var s *site
	s = newSite(t, map[string]http.HandlerFunc{
		"/robots.txt":       html(robotsAdmin),
		"/zwgk/index.html":  html(trsList([3]string{"/zwgk/a.html", "关于开学的通知", "2026-09-01"}, [3]string{"/admin/login.html", "后台登录", "2026-08-01"})),
		"/zwgk/a.html":      html(detailPage("关于开学的通知", "2026-09-01")),
		"/admin/login.html": html(detailPage("后台登录", "2026-08-01")),
	})
	for _, tc := range []struct {
		name   string
		robots bool
		admin  int
	}{{"obeyed", true, 0}, {"robots false", false, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			before := s.requested("/admin/login.html")
			cfg := siteConfig(s.URL + "/zwgk/index.html")
			cfg.Units[0].Robots = &tc.robots
			res := runCrawl(t, siteOptions(t, cfg))
			if n := s.requested("/admin/login.html") - before; n != tc.admin {
				t.Fatalf("/admin/login.html requested %d times, want %d", n, tc.admin)
			}
			r := readRecords(t, res.Run, []string{"u1"})
			ps := pagesOf(r, s.URL+"/admin/login.html")
			wantOutcome := landing.OutcomeRobots
			if !tc.robots {
				wantOutcome = landing.OutcomeOK
			}
			if len(ps) != 1 || ps[0].Outcome != wantOutcome || (tc.robots && ps[0].Status != 0) {
				t.Fatalf("admin page attempts %+v, want one %s", ps, wantOutcome)
			}
			robots := pagesOf(r, s.URL+"/robots.txt")
			if tc.robots && (len(robots) != 1 || robots[0].Kind != landing.PageRobots || robots[0].Status != 200) {
				t.Errorf("robots.txt attempts %+v, want one", robots)
			}
			if !tc.robots && len(robots) != 0 {
				t.Errorf("robots.txt fetched with robots: false")
			}
			if len(r.items) != 2 {
				t.Fatalf("%d items, want 2 (a disallowed detail still lists its item)", len(r.items))
			}
		})
	}
}

func TestRedirectToAnotherHostRefused(t *testing.T) {
	other := newSite(t, map[string]http.HandlerFunc{"/b.html": html(detailPage("外站", "2026-09-02"))})
	var s *site
	s = newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html": html(trsList(
			[3]string{"/zwgk/a.html", "同站跳转", "2026-09-01"},
			[3]string{"/zwgk/b.html", "外站跳转", "2026-09-02"})),
		"/zwgk/a.html": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/zwgk/a2.html", http.StatusMovedPermanently)
		},
		"/zwgk/a2.html": html(detailPage("同站跳转", "2026-09-01")),
		"/zwgk/b.html": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/b.html", http.StatusFound)
		},
	})
	res := runCrawl(t, siteOptions(t, siteConfig(s.URL+"/zwgk/index.html")))
	if n := len(other.requests()); n != 0 {
		t.Fatalf("the other host got %d requests", n)
	}
	r := readRecords(t, res.Run, []string{"u1"})
	ps := pagesOf(r, s.URL+"/zwgk/b.html")
	if len(ps) != 1 || ps[0].Outcome != landing.OutcomeFailed || !strings.Contains(ps[0].Error, "redirect to another host refused") {
		t.Fatalf("off-host redirect attempts %+v, want one failed, not retried", ps)
	}
	for _, it := range r.items {
		switch it.URL {
		case s.URL + "/zwgk/a.html":
			if !it.DetailFetched || it.Published.Value != "2026-09-01" {
				t.Errorf("same-host redirect: %+v", it)
			}
		case s.URL + "/zwgk/b.html":
			if it.DetailFetched || !strings.Contains(it.DetailError, "another host") {
				t.Errorf("off-host redirect: fetched=%v error=%q", it.DetailFetched, it.DetailError)
			}
		}
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/zwgk/index.html": html(trsList())})
	cfg := siteConfig(s.URL + "/zwgk/index.html")
	cfg.Crawl.AllowPrivate = false
	res := runCrawl(t, siteOptions(t, cfg))
	if n := len(s.requests()); n != 0 {
		t.Fatalf("loopback site got %d requests", n)
	}
	if len(res.Failed) != 1 || res.Failed[0].UnitID != "u1" {
		t.Fatalf("failed units %v, want u1", res.Failed)
	}
	r := readRecords(t, res.Run, []string{"u1"})
	// robots.txt is refused at the dialer, and the list page is then not
	// tried at all: the host is down for the run.
	if len(r.pages) != 2 {
		t.Errorf("%d attempts, want 2 (robots.txt, list)", len(r.pages))
	}
	for _, p := range r.pages {
		if p.Outcome != landing.OutcomeFailed || !strings.Contains(p.Error, errPrivateAddress.Error()) || p.Attempt != 1 {
			t.Errorf("attempt %+v, want one refused attempt", p)
		}
	}
	if len(r.columns) != 1 || r.columns[0].Outcome != landing.OutcomeFailed {
		t.Errorf("column %+v, want failed", r.columns)
	}
}

func TestRetries(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	count := func(p string) int {
		mu.Lock()
		defer mu.Unlock()
		calls[p]++
		return calls[p]
	}
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html": html(trsList(
			[3]string{"/zwgk/busy.html", "忙", "2026-09-01"},
			[3]string{"/zwgk/down.html", "宕机", "2026-09-02"},
			[3]string{"/zwgk/gone.html", "删除", "2026-09-03"},
			[3]string{"/zwgk/big.html", "超大", "2026-09-04"},
			[3]string{"/zwgk/hang.html", "超时", "2026-09-05"})),
		"/zwgk/busy.html": func(w http.ResponseWriter, r *http.Request) {
			if count("busy") <= 2 {
				w.Header().Set("Retry-After", "3")
				status(503, "busy")(w, r)
				return
			}
			html(detailPage("忙", "2026-09-01"))(w, r)
		},
		"/zwgk/down.html": status(500, "down"),
		"/zwgk/gone.html": status(404, "gone"),
		"/zwgk/big.html":  html(strings.Repeat("x", 1<<20+1)),
		"/zwgk/hang.html": func(w http.ResponseWriter, r *http.Request) {
			if count("hang") == 1 {
				<-r.Context().Done() // until the client gives up
				return
			}
			html(detailPage("超时", "2026-09-05"))(w, r)
		},
	})
	cfg := siteConfig(s.URL + "/zwgk/index.html")
	cfg.Crawl.Retries = 3
	cfg.Crawl.Parallelism = 1 // one request at a time: the sleeps below come in list order
	cfg.Crawl.Timeout = config.NewDuration(200 * time.Millisecond)
	o := siteOptions(t, cfg)
	o.RetryMax = 10 * time.Second
	var slept []time.Duration
	o.sleep = func(ctx context.Context, d time.Duration) error {
		slept = append(slept, d)
		return nil
	}
	res := runCrawl(t, o)
	r := readRecords(t, res.Run, []string{"u1"})
	attempts := func(p string) (out []string) {
		for _, pg := range pagesOf(r, s.URL+p) {
			out = append(out, fmt.Sprintf("%d:%d:%s", pg.Attempt, pg.Status, pg.Outcome))
		}
		return out
	}
	tests := []struct {
		path string
		want string
	}{
		{"/zwgk/busy.html", "[1:503:failed 2:503:failed 3:200:ok]"},
		{"/zwgk/down.html", "[1:500:failed 2:500:failed 3:500:failed 4:500:failed]"},
		{"/zwgk/gone.html", "[1:404:failed]"},
		{"/zwgk/big.html", "[1:200:failed]"},
		{"/zwgk/hang.html", "[1:0:failed 2:200:ok]"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := fmt.Sprint(attempts(tt.path)); got != tt.want {
				t.Errorf("attempts %s, want %s", got, tt.want)
			}
		})
	}
	// Retry-After wins over the shorter backoff; the exponential backoff
	// doubles from RetryBase; the timeout is retried after RetryBase.
	want := []time.Duration{3 * time.Second, 3 * time.Second, time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, time.Millisecond}
	if fmt.Sprint(slept) != fmt.Sprint(want) {
		t.Errorf("backoffs %v, want %v", slept, want)
	}
	if p := pagesOf(r, s.URL+"/zwgk/big.html"); len(p) == 1 && !strings.Contains(p[0].Error, "max_body") {
		t.Errorf("big body error %q", p[0].Error)
	}
	if p := pagesOf(r, s.URL+"/zwgk/hang.html"); len(p) == 2 && !strings.Contains(strings.ToLower(p[0].Error), "timeout") && !strings.Contains(p[0].Error, "deadline exceeded") {
		t.Errorf("timeout error %q", p[0].Error)
	}
}

func TestChallengeIsBlocked(t *testing.T) {
	challenge := `<html><head><script>document.cookie="waf_token=abc;path=/";location.reload();</script></head><body></body></html>`
	for _, tc := range []struct {
		name string
		h    http.HandlerFunc
	}{
		{"challenge page", html(challenge)},
		{"412", status(412, "<html><body>请求被拦截</body></html>")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, map[string]http.HandlerFunc{"/zwgk/index.html": tc.h})
			res := runCrawl(t, siteOptions(t, siteConfig(s.URL+"/zwgk/index.html")))
			r := readRecords(t, res.Run, []string{"u1"})
			if len(r.columns) != 1 || r.columns[0].Outcome != landing.OutcomeBlocked || r.columns[0].Complete {
				t.Fatalf("column %+v, want blocked", r.columns)
			}
			if ps := pagesOf(r, s.URL+"/zwgk/index.html"); len(ps) != 1 || ps[0].Outcome != landing.OutcomeBlocked || ps[0].SHA256 == "" {
				t.Errorf("attempts %+v, want one blocked attempt with its evidence", ps)
			}
			if res.Manifest.Units[0].Blocked != 1 {
				t.Errorf("manifest blocked = %d, want 1", res.Manifest.Units[0].Blocked)
			}
		})
	}
}

func TestMaxPagesBoundsAColumn(t *testing.T) {
	page := func(n int, href string) string {
		return strings.Replace(trsList([3]string{href, "第" + href, "2026-09-01"}), "createPageHTML(1, 0,", fmt.Sprintf("createPageHTML(3, %d,", n), 1)
	}
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html":   html(page(0, "a.html")),
		"/zwgk/index_1.html": html(page(1, "b.html")),
		"/zwgk/index_2.html": html(page(2, "c.html")),
		"/zwgk/a.html":       html(detailPage("a", "2026-09-01")),
		"/zwgk/b.html":       html(detailPage("b", "2026-09-01")),
		"/zwgk/c.html":       html(detailPage("c", "2026-09-01")),
	})
	cfg := siteConfig(s.URL + "/zwgk/index.html")
	cfg.Crawl.MaxPages = 2
	res := runCrawl(t, siteOptions(t, cfg))
	r := readRecords(t, res.Run, []string{"u1"})
	c := r.columns[0]
	if c.Pages != 2 || c.TotalPages != 3 || c.Complete || !strings.Contains(c.Error, "max_pages") || c.Outcome != landing.OutcomeOK {
		t.Errorf("column %+v, want 2 of 3 pages, incomplete, stopped at max_pages", c)
	}
	if s.requested("/zwgk/index_2.html") != 0 || len(r.items) != 2 {
		t.Errorf("third page requested %d times, %d items", s.requested("/zwgk/index_2.html"), len(r.items))
	}
}
