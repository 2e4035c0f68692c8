package render

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// scriptList serves a column whose list exists only after its script runs:
// the page holds an empty <ul>, the script fetches /api/items?page=N and
// writes the rows, and 下一页 is a span whose click loads the next page
// without navigating. It also asks for /track.gif, which the rule refuses.
func scriptList(tb testing.TB, pages [][]string) *httptest.Server {
	tb.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/col/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<ul id="list"></ul>
<div class="pager"><span id="next">下一页</span></div>
<img src="/track.gif">
<script>
var page = 1, pages = %d;
function load(p) {
  fetch("/api/items?page=" + p).then(function (r) { return r.json(); }).then(function (rows) {
    var h = "";
    rows.forEach(function (x) { h += '<li><a href="' + x.url + '">' + x.title + '</a><span>' + x.date + '</span></li>'; });
    document.getElementById("list").innerHTML = h;
    var n = document.getElementById("next");
    if (p >= pages) { n.className = "disabled"; }
  });
}
document.getElementById("next").addEventListener("click", function () { if (page < pages) { page++; load(page); } });
load(1);
</script></body></html>`, len(pages))
	})
	mux.HandleFunc("/api/items", func(w http.ResponseWriter, r *http.Request) {
		var p int
		fmt.Sscan(r.URL.Query().Get("page"), &p)
		if p < 1 || p > len(pages) {
			http.NotFound(w, r)
			return
		}
		var rows []string
		for i, t := range pages[p-1] {
			rows = append(rows, fmt.Sprintf(`{"url":"/col/%d_%d.html","title":%q,"date":"2026-11-%02d"}`, p, i, t, 28-i))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "["+strings.Join(rows, ",")+"]")
	})
	mux.HandleFunc("/track.gif", func(w http.ResponseWriter, r *http.Request) {
		tb.Errorf("a refused request reached the server: %s", r.URL)
	})
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

var reItem = regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a>`)

// titles are the item titles inside the rendered list, not in the script.
func titles(html string) []string {
	_, list, _ := strings.Cut(html, `<ul id="list">`)
	list, _, _ = strings.Cut(list, `</ul>`)
	var out []string
	for _, m := range reItem.FindAllStringSubmatch(list, -1) {
		out = append(out, m[1])
	}
	return out
}

func needBrowser(tb testing.TB) {
	tb.Helper()
	if !Available() {
		tb.Skip("chromium is not installed (apt-get install chromium); rendering tests skipped")
	}
}

func TestRenderScriptListFollowsPager(t *testing.T) {
	needBrowser(t)
	pages := [][]string{
		{"关于开展冬季安全检查的通知", "关于公布第一批示范社区的公告", "2026年第三季度财政收支情况"},
		{"关于调整公交线路的通告", "关于征求意见的公告"},
		{"关于印发工作要点的通知"},
	}
	srv := scriptList(t, pages)
	var mu sync.Mutex
	var asked []string
	allow := func(_ context.Context, method, u string) error {
		mu.Lock()
		asked = append(asked, method+" "+strings.TrimPrefix(u, srv.URL))
		mu.Unlock()
		if strings.HasSuffix(u, "/track.gif") {
			return errors.New("disallowed by robots.txt")
		}
		if !strings.HasPrefix(u, srv.URL+"/") {
			return errors.New("outside the unit's hosts")
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := Render(ctx, Options{Allow: allow, UserAgent: "gongkai-test/1", MaxPages: 10}, srv.URL+"/col/")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, p := range res.Pages {
		got = append(got, titles(p.HTML))
	}
	if d := cmp.Diff(pages, got); d != "" {
		t.Errorf("rendered pages (-want +got):\n%s", d)
	}
	if !res.LastPage {
		t.Error("LastPage = false, want true: the pager ran out")
	}
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "/track.gif: disallowed by robots.txt") {
		t.Errorf("Refused = %q, want the tracking pixel only", res.Refused)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"GET /col/", "GET /api/items?page=1", "GET /api/items?page=2", "GET /api/items?page=3"} {
		found := false
		for _, a := range asked {
			found = found || a == want
		}
		if !found {
			t.Errorf("the rule was not asked for %q; asked %q", want, asked)
		}
	}
}

func TestRenderBoundedByMaxPages(t *testing.T) {
	needBrowser(t)
	pages := [][]string{{"第一页的条目"}, {"第二页的条目"}, {"第三页的条目"}}
	srv := scriptList(t, pages)
	allow := func(_ context.Context, _, u string) error {
		if strings.HasSuffix(u, "/track.gif") {
			return errors.New("refused")
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := Render(ctx, Options{Allow: allow, MaxPages: 2}, srv.URL+"/col/")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 2 || res.LastPage {
		t.Fatalf("%d pages, LastPage %v; want 2 pages stopped by the bound", len(res.Pages), res.LastPage)
	}
	if d := cmp.Diff([]string{"第二页的条目"}, titles(res.Pages[1].HTML)); d != "" {
		t.Errorf("page 2 (-want +got):\n%s", d)
	}
}

func TestRenderRefusedListIsNotRead(t *testing.T) {
	needBrowser(t)
	srv := scriptList(t, [][]string{{"不该读到的条目"}})
	allow := func(_ context.Context, _, u string) error {
		if strings.Contains(u, "/api/") || strings.HasSuffix(u, "/track.gif") {
			return errors.New("disallowed by robots.txt")
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := Render(ctx, Options{Allow: allow, Timeout: 5 * time.Second}, srv.URL+"/col/")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || len(titles(res.Pages[0].HTML)) != 0 {
		t.Errorf("read %d pages with items %q; want one page and no item", len(res.Pages), titles(res.Pages[0].HTML))
	}
	var api bool
	for _, r := range res.Refused {
		api = api || strings.Contains(r, "/api/items?page=1")
	}
	if !api {
		t.Errorf("Refused = %q, want the API request", res.Refused)
	}
}

func TestRenderWithoutBrowser(t *testing.T) {
	if Available() {
		t.Skip("a browser is installed")
	}
	_, err := Render(context.Background(), Options{Allow: func(context.Context, string, string) error { return nil }}, "http://127.0.0.1:1/")
	if !errors.Is(err, ErrUnavailable) {
		t.Errorf("err = %v, want ErrUnavailable", err)
	}
}
