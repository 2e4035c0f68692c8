package crawl

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// bomb streams a gzip body that decompresses to zeros without end (until
// the client stops reading or 1 GiB), as a gzip bomb does.
func bomb(contentEncoding bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if contentEncoding {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Encoding", "gzip")
		} else {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for range 1024 {
			if _, err := zw.Write(zeros); err != nil {
				return
			}
		}
		zw.Close()
	}
}

// countingTransport counts the bytes read from the network.
type countingTransport struct {
	inner http.RoundTripper
	n     atomic.Int64
}

func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(req)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, n: &t.n}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

func TestGzipBombIsBounded(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html":     html(trsList([3]string{"sitemap.xml.gz", "市教育局政府信息公开站点地图", "2026-10-01"}, [3]string{"a.html", "关于开展2026年政务公开工作的通知", "2026-10-02"})),
		"/zwgk/a.html":         bomb(true),
		"/zwgk/sitemap.xml.gz": bomb(false),
	})
	cfg := siteConfig(s.URL + "/zwgk/index.html")
	cfg.Crawl.Retries = 0
	opts := siteOptions(t, cfg)
	// No transparent decompression by net/http: the bodies reach the
	// crawler compressed, as from a server that gzips unasked.
	tr := &countingTransport{inner: &http.Transport{DisableCompression: true}}
	opts.Transport = tr
	res := runCrawl(t, opts)
	r := readRecords(t, res.Run, []string{"u1"})
	for _, path := range []string{"/zwgk/a.html", "/zwgk/sitemap.xml.gz"} {
		ps := pagesOf(r, s.URL+path)
		if len(ps) != 1 || ps[0].Outcome != landing.OutcomeFailed || !strings.Contains(ps[0].Error, "max_body") {
			t.Errorf("%s: attempts %+v, want one failed at max_body", path, ps)
		}
	}
	// 1 MiB of zeros is about 1 KiB compressed: two bombs read within
	// max_body cost well under 1 MiB from the network, where an unbounded
	// read would take the whole GiB each.
	n := tr.n.Load()
	if n > 1<<20 {
		t.Errorf("read %d bytes from the network, want the bombs cut at max_body", n)
	}
	t.Logf("read %d bytes from the network for two 1 GiB bombs and a list page", n)
	c := r.columns[0]
	if c.Verdict != domain.VerdictComplete || c.DetailsFailed != 2 || c.Distinct != 2 {
		t.Errorf("column %s (%s) details failed %d distinct %d, want complete, 2 listed not verified", c.Verdict, c.VerdictReason, c.DetailsFailed, c.Distinct)
	}
}

func TestCrawlDelayPacesTheHost(t *testing.T) {
	for _, tc := range []struct {
		name   string
		robots string
		delay  time.Duration
		want   []time.Duration
	}{
		// robots.txt, then the list and two detail pages: every request
		// after robots.txt starts 3s after the one before.
		{"longer than the configured delay", "User-agent: *\nCrawl-delay: 3\n", 0, []time.Duration{3 * time.Second, 3 * time.Second}},
		{"shorter than the configured delay", "User-agent: *\nCrawl-delay: 0.001\n", 2 * time.Millisecond, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, map[string]http.HandlerFunc{
				"/robots.txt":      func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, tc.robots) },
				"/zwgk/index.html": html(trsList([3]string{"a.html", "甲", "2026-10-01"}, [3]string{"b.html", "乙", "2026-09-01"})),
				"/zwgk/a.html":     html(detailPage("甲", "2026-10-01")),
				"/zwgk/b.html":     html(detailPage("乙", "2026-09-01")),
			})
			cfg := siteConfig(s.URL + "/zwgk/index.html")
			cfg.Crawl.Parallelism = 1
			cfg.Crawl.Delay = config.NewDuration(tc.delay)
			opts := siteOptions(t, cfg)
			var mu sync.Mutex
			clock := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
			var slept []time.Duration
			opts.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			opts.sleep = func(ctx context.Context, d time.Duration) error {
				mu.Lock()
				defer mu.Unlock()
				slept = append(slept, d)
				clock = clock.Add(d)
				return nil
			}
			runCrawl(t, opts)
			if fmt.Sprint(slept) != fmt.Sprint(tc.want) {
				t.Errorf("waits %v, want %v", slept, tc.want)
			}
			if n := len(s.requests()); n != 4 {
				t.Errorf("%d requests, want 4: %v", n, s.requests())
			}
		})
	}
}

// trap is a site whose column has endless pages of links to other hosts.
func trap(t *testing.T, perPage int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/zwgk/index") {
			http.NotFound(w, r)
			return
		}
		n := 0
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/zwgk/index_"), "%d", &n)
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"></head><body><ul class="list">`)
		for i := range perPage {
			fmt.Fprintf(&b, `<li><a href="http://trap.invalid/p%d/%d.html" title="条目%d-%d">条目%d-%d</a><span>2026-10-01</span></li>`, n, i, n, i, n, i)
		}
		fmt.Fprintf(&b, `</ul><script>createPageHTML(100000, %d, "index", "html");</script></body></html>`, n)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, b.String())
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestMaxItemsBoundsATrap(t *testing.T) {
	srv := trap(t, 50)
	cfg := siteConfig(srv.URL + "/zwgk/index.html")
	cfg.Crawl.MaxPages = 1000
	cfg.Crawl.MaxItems = 120
	res := runCrawl(t, siteOptions(t, cfg))
	r := readRecords(t, res.Run, []string{"u1"})
	c := r.columns[0]
	if c.Pages != 3 || c.Distinct != 120 || len(r.items) != 120 || c.Verdict != domain.VerdictPartial ||
		c.VerdictReason != "stopped by max_items (120) after 3 pages, 120 items" {
		t.Errorf("column pages %d distinct %d items %d verdict %s (%s), want 3 pages, 120 items, partial at max_items", c.Pages, c.Distinct, len(r.items), c.Verdict, c.VerdictReason)
	}
}

func TestUnitBudget(t *testing.T) {
	srv := trap(t, 5)
	cfg := siteConfig(srv.URL + "/zwgk/index.html")
	cfg.Crawl.MaxPages = 1000
	cfg.Crawl.UnitBudget = config.NewDuration(25 * time.Minute)
	cfg.Units[0].Columns = append(cfg.Units[0].Columns, config.Column{ID: "gzdt", Name: "工作动态", URL: srv.URL + "/zwgk/index.html", Profile: "trs"})
	opts := siteOptions(t, cfg)
	// Every answer takes ten minutes of the unit's clock: robots.txt, then
	// two list pages spend the budget.
	var mu sync.Mutex
	clock := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	opts.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	opts.Transport = roundTripFunc(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		clock = clock.Add(10 * time.Minute)
		mu.Unlock()
		return http.DefaultTransport.RoundTrip(req)
	})
	res := runCrawl(t, opts)
	r := readRecords(t, res.Run, []string{"u1"})
	want := []string{
		"tzgg 2 partial stopped by the unit's time budget (25m0s) after 2 pages, 10 items",
		"gzdt 0 partial stopped by the unit's time budget (25m0s) after 0 pages, 0 items",
	}
	var got []string
	for _, c := range r.columns {
		got = append(got, fmt.Sprintf("%s %d %s %s", c.ColumnID, c.Pages, c.Verdict, c.VerdictReason))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("columns\n%q\nwant\n%q", got, want)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHostCutOffAfterTimeouts(t *testing.T) {
	hang := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	// A trickle answers at once, then sends a byte every 20ms.
	trickle := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(200)
		for range 250 {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	for _, tc := range []struct {
		name string
		h    http.HandlerFunc
	}{{"no answer", hang}, {"a trickling body", trickle}} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, map[string]http.HandlerFunc{"/a/index.html": tc.h, "/b/index.html": tc.h, "/c/index.html": tc.h})
			cfg := siteConfig(s.URL + "/a/index.html")
			off := false
			cfg.Crawl.Robots = &off
			cfg.Crawl.Retries = 1
			cfg.Crawl.Parallelism = 1
			cfg.Crawl.Timeout = config.NewDuration(150 * time.Millisecond)
			cfg.Crawl.HostTimeouts = 3
			cfg.Units[0].Columns = append(cfg.Units[0].Columns,
				config.Column{ID: "b", Name: "工作动态", URL: s.URL + "/b/index.html", Profile: "trs"},
				config.Column{ID: "c", Name: "政策文件", URL: s.URL + "/c/index.html", Profile: "trs"})
			res := runCrawl(t, siteOptions(t, cfg))
			r := readRecords(t, res.Run, []string{"u1"})
			// Two attempts at a, one at b: three timeouts in a row; b's
			// retry and c are not requested.
			got := fmt.Sprint(s.requested("/a/index.html"), s.requested("/b/index.html"), s.requested("/c/index.html"))
			if got != "2 1 0" {
				t.Errorf("requests of a, b, c: %s, want 2 1 0", got)
			}
			for _, c := range r.columns[1:] {
				if c.Verdict != domain.VerdictFailed || !strings.HasPrefix(c.VerdictReason, "host cut off after 3 timeouts in a row") {
					t.Errorf("column %s: %s (%s), want failed: host cut off", c.ColumnID, c.Verdict, c.VerdictReason)
				}
			}
			if len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Err.Error(), "no page of the unit could be fetched") {
				t.Errorf("failed units %v, want u1", res.Failed)
			}
		})
	}
}

func TestUndecodableListFails(t *testing.T) {
	junk := strings.Repeat("\x81\xff\x00\xfe\xc0", 400)
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, junk)
		},
	})
	res := runCrawl(t, siteOptions(t, siteConfig(s.URL+"/zwgk/index.html")))
	r := readRecords(t, res.Run, []string{"u1"})
	c := r.columns[0]
	if c.Outcome != landing.OutcomeFailed || c.Verdict != domain.VerdictFailed || c.VerdictReason != "decode body: most of the body is not utf-8" {
		t.Errorf("column %s %s (%s), want failed: decode", c.Outcome, c.Verdict, c.VerdictReason)
	}
	// Tried again (a damaged transfer may heal): 1 + retries attempts.
	if n := s.requested("/zwgk/index.html"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	if len(res.Failed) != 1 {
		t.Errorf("failed units %v, want u1 (its only column failed)", res.Failed)
	}
}

// TestUnitBudgetSkipsDetails: once the budget is spent, detail pages are
// not fetched; their items are listed, not verified.
func TestUnitBudgetSkipsDetails(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html": html(trsList([3]string{"a.html", "甲", "2026-10-03"}, [3]string{"b.html", "乙", "2026-10-02"}, [3]string{"c.html", "丙", "2026-10-01"})),
		"/zwgk/a.html":     html(detailPage("甲", "2026-10-03")),
		"/zwgk/b.html":     html(detailPage("乙", "2026-10-02")),
		"/zwgk/c.html":     html(detailPage("丙", "2026-10-01")),
	})
	cfg := siteConfig(s.URL + "/zwgk/index.html")
	cfg.Crawl.Parallelism = 1
	cfg.Crawl.UnitBudget = config.NewDuration(25 * time.Minute)
	opts := siteOptions(t, cfg)
	// Ten minutes per answer: robots.txt, the list, one detail page.
	var mu sync.Mutex
	clock := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	opts.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	opts.Transport = roundTripFunc(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		clock = clock.Add(10 * time.Minute)
		mu.Unlock()
		return http.DefaultTransport.RoundTrip(req)
	})
	res := runCrawl(t, opts)
	r := readRecords(t, res.Run, []string{"u1"})
	var got []string
	for _, it := range r.items {
		got = append(got, fmt.Sprintf("%s %v %q", it.Title, it.DetailFetched, it.DetailError))
	}
	want := []string{`甲 true ""`, `乙 false "not fetched: the unit's time budget was spent"`, `丙 false "not fetched: the unit's time budget was spent"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("items %q, want %q", got, want)
	}
	if c := r.columns[0]; c.DetailsFailed != 2 || c.Distinct != 3 {
		t.Errorf("column details failed %d distinct %d, want 2 3", c.DetailsFailed, c.Distinct)
	}
	if s.requested("/zwgk/b.html")+s.requested("/zwgk/c.html") != 0 {
		t.Errorf("detail pages fetched after the budget was spent: %v", s.requests())
	}
}

// TestRepeatedPages: past its last page a site serves the last page again
// (complete); a site serving page 1 for every page number has a pager it
// ignores (suspect).
func TestRepeatedPages(t *testing.T) {
	page := func(n int, entries ...[3]string) string {
		return strings.Replace(trsList(entries...), "createPageHTML(1, 0,", fmt.Sprintf("createPageHTML(100, %d,", n), 1)
	}
	one := [3]string{"a.html", "甲", "2026-10-03"}
	two := [3]string{"b.html", "乙", "2026-10-02"}
	for _, tc := range []struct {
		name   string
		pages  map[string]http.HandlerFunc
		want   string
		reason string
	}{
		{"the last page again", map[string]http.HandlerFunc{
			// 下一页 is always linked; past the last page the site serves
			// the last one again.
			"/zwgk/index.html": func(w http.ResponseWriter, r *http.Request) {
				k := max(1, min(2, atoi(r.URL.Query().Get("page"))))
				e := []([3]string){one, two}[k-1]
				html(fmt.Sprintf(`<html><head><meta charset="utf-8"></head><body><div class="news-list"><ul><li><a href="%s" title="%s">%s</a><span class="date">%s</span></li></ul><div class="pages"><a href="index.html?page=%d">下一页</a></div></div></body></html>`,
					e[0], e[1], e[1], e[2], k+1))(w, r)
			},
		}, "complete 2 3", "read 3 pages to the last without a next page, 2 items"},
		{"page 1 for every page", map[string]http.HandlerFunc{
			"/zwgk/index.html":   html(page(0, one, two)),
			"/zwgk/index_1.html": html(page(0, one, two)),
		}, "suspect 2 2", "every one of 2 pages lists the same 2 items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.pages["/zwgk/a.html"] = html(detailPage("甲", "2026-10-03"))
			tc.pages["/zwgk/b.html"] = html(detailPage("乙", "2026-10-02"))
			s := newSite(t, tc.pages)
			cfg := siteConfig(s.URL + "/zwgk/index.html")
			cfg.Crawl.MaxPages = 50
			if tc.name == "the last page again" {
				cfg.Units[0].Columns[0].Profile = "generic"
			}
			res := runCrawl(t, siteOptions(t, cfg))
			c := readRecords(t, res.Run, []string{"u1"}).columns[0]
			if got := fmt.Sprintf("%s %d %d", c.Verdict, c.Distinct, c.Pages); got != tc.want || c.VerdictReason != tc.reason {
				t.Errorf("column %s (%s), want %s (%s)", got, c.VerdictReason, tc.want, tc.reason)
			}
		})
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// TestTruncatedListFails: a list page whose body stays shorter than its
// Content-Length after every retry is a failed column, not a short list.
func TestTruncatedListFails(t *testing.T) {
	page := trsList([3]string{"a.html", "甲", "2026-10-03"}, [3]string{"b.html", "乙", "2026-10-02"})
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(page)+512))
			w.WriteHeader(200)
			fmt.Fprint(w, page[:len(page)/2])
		},
	})
	res := runCrawl(t, siteOptions(t, siteConfig(s.URL+"/zwgk/index.html")))
	r := readRecords(t, res.Run, []string{"u1"})
	c := r.columns[0]
	if c.Verdict != domain.VerdictFailed || c.Distinct != 0 || len(r.items) != 0 {
		t.Errorf("column %s (%s) distinct %d items %d, want failed with nothing listed", c.Verdict, c.VerdictReason, c.Distinct, len(r.items))
	}
	if n := s.requested("/zwgk/index.html"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}
