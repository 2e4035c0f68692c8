package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gongkai/gongkai/landing"
)

// TestCrawlRetryFailed: every site down makes `gongkai crawl` exit 1; a
// site that heals is read in full by `gongkai crawl --retry-failed`, into
// the same run.
func TestCrawlRetryFailed(t *testing.T) {
	ctx := context.Background()
	var down atomic.Bool
	down.Store(true)
	list := `<html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="a.html" title="通知">通知</a><span>2026-10-20</span></li></ul><script>createPageHTML(1, 0, "index", "html");</script></body></html>`
	detail := `<html><head><meta charset="utf-8"></head><body><table><tr><td>发布日期：</td><td>2026-10-20</td></tr></table><h1>通知</h1></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/zwgk/index.html":
			fmt.Fprint(w, list)
		case "/zwgk/a.html":
			fmt.Fprint(w, detail)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "gongkai.yaml")
	yaml := `output:
  dir: data
crawl:
  retries: 0
  allow_private: true
units:
  - id: u1
    name: 市教育局
    kind: 部门
    must_have_mailbox: false
    columns:
      - id: tzgg
        name: 通知公告
        url: ` + srv.URL + `/zwgk/index.html
        profile: trs
`
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}

	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "crawl", "--config", cfg); code != 1 {
		t.Fatalf("crawl with every site down: exit %d, want 1\n%s", code, te.errOut.String())
	}
	if !strings.Contains(te.errOut.String(), "every unit failed") {
		t.Errorf("stderr does not say every unit failed:\n%s", te.errOut.String())
	}

	down.Store(false)
	te = newTestEnv(t, farmAsOf.AddDate(0, 0, 1))
	if code := te.run(ctx, "crawl", "--config", cfg, "--retry-failed"); code != 0 {
		t.Fatalf("crawl --retry-failed: exit %d\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	root := filepath.Join(dir, "data", "landing")
	ids, err := landing.ListRuns(root)
	if err != nil || len(ids) != 1 {
		t.Fatalf("runs %v (%v), want the one run retried in place", ids, err)
	}
	run, err := landing.OpenRun(root, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = landing.ReadFile(run.UnitPath("u1", landing.FileColumns), func(c landing.Column) error {
		got = append(got, fmt.Sprintf("%s %s %d", c.ColumnID, c.Verdict, c.Distinct))
		return nil
	})
	if err != nil || fmt.Sprint(got) != "[tzgg complete 1]" {
		t.Errorf("columns after the retry %v (%v), want [tzgg complete 1]", got, err)
	}
}
