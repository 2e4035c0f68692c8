package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckShowsVerdicts: gongkai check prints each source's verdict and
// evidence, and exits 1 when one is not verified.
func TestCheckShowsVerdicts(t *testing.T) {
	row := `<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>`
	page := func(pager string, rows ...string) string {
		return `<html><head><meta charset="utf-8"></head><body><div class="news-list"><ul>` + strings.Join(rows, "") + `</ul>` + pager + `</div></body></html>`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/a/list.html":
			fmt.Fprint(w, page(`<div class="pages">第1/1页</div>`, fmt.Sprintf(row, "1.html", "甲", "甲", "2026-10-03"), fmt.Sprintf(row, "2.html", "乙", "乙", "2026-10-02")))
		case "/b/list.html":
			fmt.Fprint(w, page(`<div class="pager">共4页 <a href="javascript:void(0)" onclick="goPage(2)">下一页</a></div>`, fmt.Sprintf(row, "3.html", "丙", "丙", "2026-10-01")))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "gongkai.yaml")
	yaml := `crawl:
  allow_private: true
units:
  - id: u1
    name: 市教育局
    kind: 部门
    must_have_mailbox: false
    columns:
      - id: a
        name: 工作动态
        url: ` + srv.URL + `/a/list.html
        profile: generic
      - id: b
        name: 通知公告
        url: ` + srv.URL + `/b/list.html
        profile: generic
`
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	te := newTestEnv(t, farmAsOf)
	if code := te.run(context.Background(), "check", "--config", cfg); code != 1 {
		t.Fatalf("check: exit %d, want 1\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	out := te.out.String()
	for _, want := range []string{
		"complete 完整",
		"read every page (1) by the site's pager, 2 items",
		"partial 不完整",
		"read 1 of the 4 pages the site states",
		"2 checked, 1 not verified",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}
