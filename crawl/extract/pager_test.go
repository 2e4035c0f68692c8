package extract

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pagerPage is a list page of three dated items with the pager given.
func pagerPage(pager string) string {
	return `<html><body><ul class="list">
<li><a href="a1.html">关于开展安全生产大检查的通知</a><span>2026-11-30</span></li>
<li><a href="a2.html">关于做好冬季防火工作的通知</a><span>2026-11-28</span></li>
<li><a href="a3.html">区政府召开常务会议研究重点工作</a><span>2026-11-20</span></li>
</ul>` + pager + `</body></html>`
}

func TestHTMLPagers(t *testing.T) {
	type want struct {
		next           []Request
		pages, records int
		seen, last     bool
		recognised     string
	}
	const col = "http://qu.example.gov.cn/zwgk/tzgg/"
	tests := []struct {
		name  string
		req   Request
		pager string
		want  want
	}{
		{"createPageHTML 0-based first page", Request{URL: col, Page: 1},
			`<script>createPageHTML(5, 0, "index", "shtml");</script>`,
			want{next: []Request{{Method: "GET", URL: col + "index_1.shtml", Page: 2}}, pages: 5, seen: true, recognised: "trs:createPageHTML"}},
		{"createPageHTML 1-based with element id and records", Request{URL: col + "index.html", Page: 1},
			`<script>createPageHTML('page_div',4, 1,'fwzwgk','html',52);</script>`,
			want{next: []Request{{Method: "GET", URL: col + "fwzwgk_2.html", Page: 2}}, pages: 4, records: 52, seen: true, recognised: "trs:createPageHTML"}},
		{"createPageHTML 1-based last page", Request{URL: col + "index_4.html", Page: 4},
			`<script>createPageHTML('page_div',4, 4,'index','html',52);</script>`,
			want{pages: 4, records: 52, seen: true, last: true, recognised: "trs:createPageHTML"}},
		{"createPageHTML quoted numbers", Request{URL: col + "index_1.htm", Page: 2},
			`<script>createPageHTML("3", "1", "index", "htm");</script>`,
			want{next: []Request{{Method: "GET", URL: col + "index_2.htm", Page: 3}}, pages: 3, seen: true, recognised: "trs:createPageHTML"}},
		{"numbered window with 尾页, no 下一页", Request{URL: col + "index_3.html", Page: 3},
			`<div class="page"><a href="index.html">首页</a> <a href="index_2.html">2</a> <span class="current">3</span> <a href="index_4.html">4</a> <a href="index_5.html">5</a> <a href="index_9.html">尾页</a></div>`,
			want{next: []Request{{Method: "GET", URL: col + "index_4.html", Page: 4}}, pages: 9, seen: true, recognised: "html:li"}},
		{"numbered window on the last page", Request{URL: col + "index_9.html", Page: 9},
			`<div class="page"><a href="index.html">首页</a> <a href="index_7.html">7</a> <a href="index_8.html">8</a> <span class="current">9</span> <a href="index_9.html">尾页</a></div>`,
			want{pages: 9, seen: true, last: true, recognised: "html:li"}},
		{"query pager keeps other parameters", Request{URL: "http://x.gov.cn/list.jsp?uid=7&col=3&pageNo=1", Page: 1},
			`<div>共41条 第1/3页 <a href="list.jsp?uid=7&col=3&pageNo=2">下一页</a></div>`,
			want{next: []Request{{Method: "GET", URL: "http://x.gov.cn/list.jsp?uid=7&col=3&pageNo=2", Page: 2}}, pages: 3, records: 41, seen: true, recognised: "html:li"}},
		{"disabled 下一页 is the last page", Request{URL: col + "list.html?page=3", Page: 3},
			`<div class="pager"><a href="list.html?page=2">上一页</a> <span>下一页</span></div>`,
			want{seen: true, last: true, recognised: "html:li"}},
		{"goPage posts the paging form", Request{URL: "http://x.gov.cn/bmwj/list.jsp", Page: 1},
			`<form name="pageForm" method="post" action="/bmwj/list.jsp"><input type="hidden" name="channelId" value="217"><input type="hidden" name="pageIndex" value="1"></form>
<div>共3页 当前第1页 <a href="javascript:goPage(2)">下一页</a> <a href="javascript:goPage(3)">尾页</a></div>`,
			want{next: []Request{{Method: "POST", URL: "http://x.gov.cn/bmwj/list.jsp", Form: url.Values{"channelId": {"217"}, "pageIndex": {"2"}}, Page: 2}},
				pages: 3, seen: true, recognised: "html:li form"}},
		{"page function building the URL", Request{URL: col + "list.html", Page: 1},
			`<a href="javascript:void(0)" onclick="toPage(2)">下一页</a><script>function toPage(p){ if(p==1){location.href="list.html";return;} location.href = "list_" + p + ".html"; }</script>`,
			want{next: []Request{{Method: "GET", URL: col + "list_2.html", Page: 2}}, seen: true, recognised: "html:li"}},
		{"no pager at all", Request{URL: col, Page: 1}, ``, want{recognised: "html:li"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractList(Profile{Family: FamilyAuto}, tt.req, pagerPage(tt.pager), ref)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Items) != 3 {
				t.Errorf("got %d items, want 3", len(got.Items))
			}
			if tt.want.next == nil {
				tt.want.next = []Request{}
			}
			g := want{got.Next, got.TotalPages, got.TotalRecords, got.PagerSeen, got.LastPage, got.Recognised}
			if d := cmp.Diff(tt.want, g, cmp.AllowUnexported(want{})); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

// TestColumnChrome reads two pages of a column whose dated 最新信息 box
// outnumbers the last page's list: page comparison drops the box.
func TestColumnChrome(t *testing.T) {
	box := `<div class="box"><h3>最新信息</h3><ul>
<li><a href="/zxxx/1.html">区长办公会议纪要第十二期公开</a><span>2026-11-29</span></li>
<li><a href="/zxxx/2.html">2026年第三季度财政预算执行情况</a><span>2026-11-18</span></li>
<li><a href="/zxxx/3.html">关于调整部分公交线路的公告通知</a><span>2026-11-06</span></li>
<li><a href="/zxxx/4.html">区人民政府关于表彰先进集体的决定</a><span>2026-10-26</span></li></ul></div>`
	page1 := `<html><body>` + box + `<ul class="list">
<li><a href="p1.html">关于开展安全生产大检查的通知</a><span>2026-11-30</span></li>
<li><a href="p2.html">关于做好冬季防火工作的通知</a><span>2026-11-28</span></li>
<li><a href="p3.html">区政府召开常务会议研究重点工作</a><span>2026-11-20</span></li>
<li><a href="p4.html">关于公布第二批区级非遗名录的通知</a><span>2026-11-19</span></li>
<li><a href="p5.html">区财政局2026年部门预算公开说明</a><span>2026-11-18</span></li>
</ul><a href="index_1.html">下一页</a></body></html>`
	page2 := `<html><body>` + box + `<ul class="list">
<li><a href="p6.html">关于开展消防安全隐患排查的通知</a><span>2026-11-10</span></li>
<li><a href="p7.html">区教育局关于义务教育招生的公告</a><span>2026-11-02</span></li>
</ul></body></html>`
	col := NewColumn(Profile{Family: FamilyAuto})
	const base = "http://qu.example.gov.cn/zwgk/tzgg/"
	var got []string
	for i, body := range []string{page1, page2} {
		u := base
		if i == 1 {
			u = base + "index_1.html"
		}
		res, err := col.Page(Request{Method: "GET", URL: u, Page: i + 1}, body, ref)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			got = append(got, it.URL[len(base):])
		}
	}
	want := []string{"p1.html", "p2.html", "p3.html", "p4.html", "p5.html", "p6.html", "p7.html"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	// Read on its own, the second page is told from the larger box by
	// structure only: its rows link below the column's directory, the
	// box's do not. Served from the site's root, nothing tells them apart
	// and the larger box wins: what page comparison fixes.
	alone, _ := ExtractList(Profile{Family: FamilyAuto}, Request{URL: base + "index_1.html", Page: 2}, page2, ref)
	if len(alone.Items) != 2 {
		t.Errorf("page read alone: %d items, want the list's 2 (its links are under the column's directory)", len(alone.Items))
	}
	atRoot, _ := ExtractList(Profile{Family: FamilyAuto}, Request{URL: "http://qu.example.gov.cn/index_1.html", Page: 2}, page2, ref)
	if len(atRoot.Items) != 4 {
		t.Errorf("page read alone at the root: %d items, want the box's 4", len(atRoot.Items))
	}
}

func TestProfilePaging(t *testing.T) {
	p := Profile{Family: FamilyJSON, API: "/api/search", Method: "POST", Body: `{"channelId":"45","pageNo":{page},"pageSize":{size}}`, PageSize: 15}
	if got, want := FirstRequest(p, "http://x.gov.cn/zcwj/index.html"), (Request{Method: "POST", URL: "http://x.gov.cn/api/search",
		Body: `{"channelId":"45","pageNo":1,"pageSize":15}`, Page: 1}); !cmp.Equal(got, want) {
		t.Errorf("json body: %s", cmp.Diff(want, got))
	}
	f := Profile{Family: FamilyAuto, Method: "POST", Form: "channelId=217&pageIndex={page}"}
	if got, want := pageRequest(f, "http://x.gov.cn/bmwj/list.jsp", 3), (Request{Method: "POST", URL: "http://x.gov.cn/bmwj/list.jsp",
		Form: url.Values{"channelId": {"217"}, "pageIndex": {"3"}}, Page: 3}); !cmp.Equal(got, want) {
		t.Errorf("form: %s", cmp.Diff(want, got))
	}
	tp := Profile{Family: FamilyAuto, PageURL: "index_{page0}.html"}
	if got := pageRequest(tp, "http://x.gov.cn/bmdt/index.html", 3).URL; got != "http://x.gov.cn/bmdt/index_2.html" {
		t.Errorf("page url: %s", got)
	}
	if got := pageRequest(tp, "http://x.gov.cn/bmdt/index.html", 1).URL; got != "http://x.gov.cn/bmdt/index.html" {
		t.Errorf("page url, page 1: %s", got)
	}
	if got := rowTemplate("/xxgk/content/{id}.html?c={col}", map[string]any{"id": "77", "col": "a b"}); got != "/xxgk/content/77.html?c=a%20b" {
		t.Errorf("row template: %s", got)
	}
}

func TestParseDateAs(t *testing.T) {
	tests := []struct {
		raw, format, want string
		ok                bool
	}{
		{"20261130", "YYYYMMDD", "2026-11-30 00:00", true},
		{"30/11/2026", "DD/MM/YYYY", "2026-11-30 00:00", true},
		{"发布：2026年11月3日 9:05", "YYYY年M月D日 h:mm", "2026-11-03 09:05", true},
		{"1795968000", "epoch", "2026-11-30 00:00", true},
		{"1795968000000", "epoch_ms", "2026-11-30 00:00", true},
		{"2026-11-30", "YYYYMMDD", "", false},
		{"20261131", "YYYYMMDD", "", false},
		{"2026-11-30", "", "2026-11-30 00:00", true},
	}
	for _, tt := range tests {
		d := parseDateAs(tt.raw, tt.format, ref)
		if d.OK != tt.ok || (d.OK && d.Time.Format("2006-01-02 15:04") != tt.want) || d.Raw != tt.raw {
			t.Errorf("parseDateAs(%q, %q) = %v %v, want %q %v", tt.raw, tt.format, d.Time, d.OK, tt.want, tt.ok)
		}
	}
}

func TestJSToJSON(t *testing.T) {
	in := `[{ title: '关于\'十四五\'规划的通知', url: "/a/1.html", n: 3, ok: true, x: someVar },
  { 'title': "第二条 \"引号\"", url: '/a/2.html', },]`
	v, err := decodeJSON(jsToJSON(in))
	if err != nil {
		t.Fatalf("%v: %s", err, jsToJSON(in))
	}
	rows := v.([]any)
	if len(rows) != 2 || rows[0].(map[string]any)["title"] != "关于'十四五'规划的通知" || rows[1].(map[string]any)["title"] != `第二条 "引号"` || rows[0].(map[string]any)["x"] != nil {
		t.Errorf("got %#v", rows)
	}
}

func TestDetailDatesBeyondLabels(t *testing.T) {
	tests := []struct {
		name, body        string
		published, formed string
	}{
		{"meta PubDate", `<html><head><meta name="PubDate" content="2026-03-05 09:30"></head><body><h1>关于做好冬季防火工作的通知</h1><p>正文。</p></body></html>`,
			"2026-03-05", ""},
		{"印发日期 label", `<html><body><h1>通知</h1><table><tr><td>印发日期</td><td>2026年3月1日</td></tr><tr><td>发布日期</td><td>2026-03-04</td></tr></table></body></html>`,
			"2026-03-04", "2026-03-01"},
		{"signature closing the body", `<html><body><h1>通知</h1><div class="content"><p>现印发给你们，请认真贯彻执行。</p>
<p style="text-align:right">某某市生态环境局</p><p style="text-align:right">2026年2月27日</p></div><div class="info">发布日期：2026-03-02</div></body></html>`,
			"2026-03-02", "2026-02-27"},
		{"a date line without a signer is not a signature", `<html><body><h1>通知</h1><p>会议定于下列日期召开：</p><p>2026年3月9日</p><div class="info">发布日期：2026-03-02</div></body></html>`,
			"2026-03-02", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ExtractDetail("http://x.gov.cn/a/1.html", tt.body, ref).Meta
			got := func(d Date) string {
				if !d.OK {
					return ""
				}
				return d.Time.Format("2006-01-02")
			}
			if got(m.Published) != tt.published || got(m.Formed) != tt.formed {
				t.Errorf("published %q formed %q, want %q %q", got(m.Published), got(m.Formed), tt.published, tt.formed)
			}
		})
	}
}
