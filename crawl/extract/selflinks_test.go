package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A one-row list beside a breadcrumb that links the column's own page: the
// breadcrumb block and the list block are sibling divs, so they form one
// group of two rows, and the self link was listed as an item.
func TestSelfLinkIsNotAnItem(t *testing.T) {
	body := readTestdata(t, "list/one_row_self_links.html")
	want := []string{"http://zhen.example.gov.cn/jgsz/content_20507.html 龙泉镇主要职责 2025-07-08"}
	for _, tt := range []struct{ name, url, family string }{
		{"generic", "http://zhen.example.gov.cn/jgsz/list.html", "generic"},
		{"auto", "http://zhen.example.gov.cn/jgsz/list.html", "auto"},
		// The breadcrumb spells the page differently from the request.
		{"other spelling", "http://zhen.example.gov.cn/jgsz/./list.html#top", "auto"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ExtractList(profile(t, tt.family), Request{Method: "GET", URL: tt.url, Page: 1}, body, ref)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, itemLines(res.Items)); d != "" {
				t.Errorf("items (-want +got):\n%s", d)
			}
		})
	}
}

// A column's last page links its first page by another name than the one
// read (index.html, not the directory) and has no pager link: the column
// remembers the pages it read.
func TestSelfLinkAcrossPages(t *testing.T) {
	page := func(crumb, row string) string {
		return `<html><body><div class="location"><a href="` + crumb + `">政策文件</a></div>
<div class="list"><ul>` + row + `</ul></div>
<div class="page"><a href="index_1.html">下一页</a></div></body></html>`
	}
	c := NewColumn(profile(t, "auto"))
	p1, err := c.Page(Request{Method: "GET", URL: "http://www.example.gov.cn/zcwj/", Page: 1},
		page("", `<li><a href="/zcwj/a1.html">关于做好春季森林防火工作的通知</a><span>2026-03-05</span></li><li><a href="/zcwj/a2.html">关于印发年度工作要点的通知</a><span>2026-03-01</span></li>`), ref)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := c.Page(Request{Method: "GET", URL: "http://www.example.gov.cn/zcwj/index_1.html", Page: 2},
		`<html><body><div class="location">当前位置：<a href="/zcwj/index.html">政策文件</a></div>
<div class="list last"><ul><li><a href="/zcwj/a3.html">关于公布行政许可事项清单的通知</a><span>2026-02-11</span></li></ul></div>
<div class="page"><span>上一页</span> <span>下一页</span></div>
<div class="footer"><a href="/wzdt.html">网站地图</a> | <a href="/lxwm.html">联系我们</a></div></body></html>`, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"http://www.example.gov.cn/zcwj/a1.html 关于做好春季森林防火工作的通知 2026-03-05",
		"http://www.example.gov.cn/zcwj/a2.html 关于印发年度工作要点的通知 2026-03-01",
		"http://www.example.gov.cn/zcwj/a3.html 关于公布行政许可事项清单的通知 2026-02-11",
	}
	if d := cmp.Diff(want, append(itemLines(p1.Items), itemLines(p2.Items)...)); d != "" {
		t.Errorf("items (-want +got):\n%s", d)
	}
}

func TestListPageKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"http://x.gov.cn/jgsz/", "http://X.gov.cn:80/jgsz/index.html"},
		{"http://x.gov.cn/jgsz/default.htm", "http://x.gov.cn/jgsz/"},
		{"http://x.gov.cn/list.jsp?b=2&a=1", "http://x.gov.cn/list.jsp?a=1&b=2#p"},
		{"http://x.gov.cn", "http://x.gov.cn/index.htm"},
	} {
		self := map[string]bool{}
		addSelf(self, tt.a)
		if !isSelf(self, tt.b) {
			t.Errorf("%q is not the page %q", tt.b, tt.a)
		}
		if listPageKey(tt.a) != listPageKey(tt.b) {
			t.Errorf("listPageKey(%q) = %q, listPageKey(%q) = %q; want equal", tt.a, listPageKey(tt.a), tt.b, listPageKey(tt.b))
		}
	}
	if listPageKey("http://x.gov.cn/jgsz/list.html") == listPageKey("http://x.gov.cn/jgsz/") {
		t.Error("list.html and the directory are different pages")
	}
}

func itemLines(items []ListItem) []string {
	var out []string
	for _, it := range items {
		d := ""
		if it.Date.OK {
			d = it.Date.Time.Format("2006-01-02")
		}
		out = append(out, it.URL+" "+it.Title+" "+d)
	}
	return out
}
