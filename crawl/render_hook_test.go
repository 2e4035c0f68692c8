package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/render"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// scriptColumn serves a unit whose column list is written by a script from
// a JSON API, two pages behind a 下一页 span, and whose robots.txt
// disallows a script the page also loads.
func scriptColumn(tb testing.TB) *httptest.Server {
	tb.Helper()
	pages := [][]string{{"a1", "a2", "a3"}, {"b1", "b2"}}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/tzgg/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/tzgg/" {
			fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>通知</title></head><body><h1>通知 %s</h1><p>发布日期：2026-11-20</p></body></html>`, r.URL.Path)
			return
		}
		fmt.Fprint(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<ul id="list"></ul><div class="page"><span id="next">下一页</span></div>
<script src="/private/stat.js"></script>
<script>
var page = 1;
function load(p) {
  var x = new XMLHttpRequest();
  x.open("GET", "/api/list?page=" + p);
  x.onload = function () {
    var rows = JSON.parse(x.responseText), h = "";
    rows.forEach(function (r) { h += '<li><a href="/tzgg/' + r.id + '.html">通知' + r.id + '</a><span>' + r.date + '</span></li>'; });
    document.getElementById("list").innerHTML = h;
  };
  x.send();
}
document.getElementById("next").onclick = function () { if (page < 2) { page++; load(page); } };
load(1);
</script></body></html>`)
	})
	mux.HandleFunc("/api/list", func(w http.ResponseWriter, r *http.Request) {
		var p int
		fmt.Sscan(r.URL.Query().Get("page"), &p)
		if p < 1 || p > len(pages) {
			http.NotFound(w, r)
			return
		}
		var rows []string
		for i, id := range pages[p-1] {
			rows = append(rows, fmt.Sprintf(`{"id":%q,"date":"2026-11-%02d"}`, id, 25-i))
		}
		fmt.Fprint(w, "["+strings.Join(rows, ",")+"]")
	})
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		tb.Errorf("the browser fetched %s, which robots.txt disallows", r.URL)
	})
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

func scriptColumnConfig(base string) *config.Config {
	return &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 2, Units: 1, Timeout: config.NewDuration(10 * time.Second),
		Retries: 1, MaxBody: 8 << 20, MaxPages: 20, Overlap: 3, AllowPrivate: true,
	}, Units: []config.Unit{{ID: "u1", Name: "某局", Kind: "部门",
		Columns: []config.Column{{ID: "tzgg", Name: "通知公告", URL: base + "/tzgg/", Profile: "auto"}}}}}
}

func TestScriptColumnIsRendered(t *testing.T) {
	if !render.Available() {
		t.Skip("chromium is not installed (apt-get install chromium); rendering test skipped")
	}
	srv := scriptColumn(t)
	asOf := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	res := runCrawl(t, testOptions(t, scriptColumnConfig(srv.URL), testRoot(t), asOf))
	r := readRecords(t, res.Run, []string{"u1"})
	var got []string
	for _, it := range r.items {
		got = append(got, strings.TrimPrefix(it.URL, srv.URL)+" "+it.ListDate.Value)
	}
	sort.Strings(got)
	want := []string{"/tzgg/a1.html 2026-11-25", "/tzgg/a2.html 2026-11-24", "/tzgg/a3.html 2026-11-23",
		"/tzgg/b1.html 2026-11-25", "/tzgg/b2.html 2026-11-24"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("items (-want +got):\n%s", d)
	}
	if len(r.columns) != 1 || !r.columns[0].Rendered || r.columns[0].Outcome != landing.OutcomeOK {
		t.Errorf("column = %+v, want rendered and ok", r.columns)
	}
	// Each rendered page is a snapshot the items point to, showing them.
	rendered := map[string]string{}
	for _, p := range r.pages {
		if p.Rendered && p.SHA256 != "" {
			b, err := landing.SnapshotStore(res.Run.Root).Get(p.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			rendered[p.SHA256] = string(b)
		}
	}
	if len(rendered) != 2 {
		t.Errorf("%d rendered snapshots, want 2 (one per page)", len(rendered))
	}
	for _, it := range r.items {
		if dom, ok := rendered[it.ListSHA256]; !ok || !strings.Contains(dom, strings.TrimPrefix(it.URL, srv.URL)) {
			t.Errorf("item %s: list snapshot %q is not a rendered page showing it", it.URL, it.ListSHA256)
		}
	}
}

func TestScriptColumnWithoutBrowserNeedsBrowser(t *testing.T) {
	saved := browserAvailable
	browserAvailable = func() bool { return false }
	defer func() { browserAvailable = saved }()
	srv := scriptColumn(t)
	asOf := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	res := runCrawl(t, testOptions(t, scriptColumnConfig(srv.URL), testRoot(t), asOf))
	r := readRecords(t, res.Run, []string{"u1"})
	if len(r.items) != 0 || len(r.columns) != 1 {
		t.Fatalf("%d items, %d columns; want no item and one column", len(r.items), len(r.columns))
	}
	c := r.columns[0]
	if c.Verdict != domain.VerdictNeedsBrowser || c.Outcome == landing.OutcomeEmpty || c.Rendered {
		t.Errorf("column verdict %q outcome %q rendered %v; want needs_browser, not empty, not rendered", c.Verdict, c.Outcome, c.Rendered)
	}
}
