package extract

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// letterEvidence is the part of a LetterPage the crawler's verdict rests on.
type letterEvidence struct {
	Letters      int
	Next         []Request
	TotalPages   int
	TotalRecords int
	LastPage     bool
	EmptyNotice  bool
	PagerSeen    bool
	Recognised   string
	NeedsBrowser bool
	DatedRows    int
}

func evidenceOf(p LetterPage) letterEvidence {
	return letterEvidence{len(p.Letters), p.Next, p.TotalPages, p.TotalRecords, p.LastPage, p.EmptyNotice,
		p.PagerSeen, p.Recognised, p.NeedsBrowser, p.DatedRows}
}

func TestLetterPageEvidence(t *testing.T) {
	const top, bottom = `<html><body><div class="nav"><a href="/">首页</a></div>`, `</body></html>`
	tests := []struct {
		name, url, body string
		want            letterEvidence
	}{
		{
			name: "last page says so",
			url:  "http://x.gov.cn/xx/list.html?page=3",
			body: `<ul class="xx"><li><a href="/xx/1.html">关于路灯不亮的反映</a><span>已回复</span><span>2026-11-02</span></li>
<li><a href="/xx/2.html">咨询医保报销流程</a><span>办理中</span><span>2026-11-01</span></li></ul>
<div class="page">共22条 第3/3页 <a href="/xx/list.html?page=2">上一页</a> <span>下一页</span></div>`,
			want: letterEvidence{Letters: 2, Next: []Request{}, TotalPages: 3, TotalRecords: 22, LastPage: true, PagerSeen: true,
				Recognised: "html:rows(li)", DatedRows: 2},
		},
		{
			name: "empty mailbox",
			url:  "http://x.gov.cn/xx/",
			body: `<div class="list">暂无信件</div>`,
			want: letterEvidence{Next: []Request{}, EmptyNotice: true},
		},
		{
			name: "dated rows, no letter read",
			url:  "http://x.gov.cn/xx/",
			body: `<ul class="xx"><li>2026-11-02 来信已受理，请耐心等待</li><li>2026-11-01 来信已受理，请耐心等待</li></ul>`,
			want: letterEvidence{Next: []Request{}, DatedRows: 2},
		},
		{
			name: "shell page posting to its API",
			url:  "http://x.gov.cn/xx/index.html",
			body: `<table><tbody id="list"></tbody></table><script>$.ajax({url: "/xx/list.do", type: "POST", data: {pageNo: p, pageSize: 10, kind: "zx"}, success: function (r) { document.getElementById("list").innerHTML = r; }});</script>`,
			want: letterEvidence{Next: []Request{{Method: "POST", URL: "http://x.gov.cn/xx/list.do", Page: 1,
				Form: url.Values{"pageNo": {"1"}, "pageSize": {"10"}, "kind": {"zx"}}}}, Recognised: "json:POST /xx/list.do"},
		},
		{
			name: "script-built list, no API named",
			url:  "http://x.gov.cn/xx/index.html",
			body: `<ul id="list"></ul><script>var rows = window.__DATA__ || []; var h = ""; rows.forEach(function (r) { h += "<li>" + r.t + "</li>"; }); document.getElementById("list").innerHTML = h;</script>`,
			want: letterEvidence{Next: []Request{}, NeedsBrowser: true},
		},
		{
			name: "list in a frame",
			url:  "http://x.gov.cn/hdjl/szxx.html",
			body: `<div class="main"><iframe src="/jact/front/mailpublist.do?sysid=6" width="100%"></iframe></div><iframe src="http://tj.example.com/count.html"></iframe>`,
			want: letterEvidence{Next: []Request{{Method: "GET", URL: "http://x.gov.cn/jact/front/mailpublist.do?sysid=6", Page: 1}},
				Recognised: "html:iframe /jact/front/mailpublist.do"},
		},
		{
			name: "javascript pager posting the page form",
			url:  "http://x.gov.cn/hdjl/list.flow",
			body: `<form name="f" method="post" action="/hdjl/list.flow"><input type="hidden" name="page.pageNo" value="1"><input type="hidden" name="type" value="all"></form>
<div class="row"><a href="/hdjl/d?id=1">关于停车难的建议</a><span>来信时间：2026-11-02</span><span>状态：已回复</span></div>
<div class="row"><a href="/hdjl/d?id=2">咨询公积金提取</a><span>来信时间：2026-11-01</span><span>状态：待处理</span></div>
<div class="page"><a href="javascript:void(0)" onclick="goPage(2)">下一页</a></div>`,
			want: letterEvidence{Letters: 2, Next: []Request{{Method: "POST", URL: "http://x.gov.cn/hdjl/list.flow", Page: 2,
				Form: url.Values{"page.pageNo": {"2"}, "type": {"all"}}}}, PagerSeen: true, Recognised: "html:labels(div)", DatedRows: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractLetters("auto", Request{Method: "GET", URL: tt.url, Page: 1}, top+tt.body+bottom, ref)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, evidenceOf(got)); d != "" {
				t.Errorf("letterEvidence (-want +got):\n%s", d)
			}
		})
	}
}

func TestLetterRowsByPosition(t *testing.T) {
	body := `<div class="zxlist">
<p><span>[咨询]</span><a href="/zx/1.html">咨询居住证办理条件</a><em>2026-11-02</em><em>2026-11-05</em><b>已答复</b></p>
<p><span>[咨询]</span><a href="/zx/2.html">咨询公交线路调整</a><em>2026-11-01</em><em></em><b>未答复</b></p>
</div><div class="side"><ul><li><a href="/news/1.html">市政府常务会议召开</a><span>2026-11-28</span></li>
<li><a href="/news/2.html">冬季供暖保障行动启动</a><span>2026-11-27</span></li><li><a href="/news/3.html">营商环境发布会</a><span>2026-11-26</span></li></ul></div>`
	got, err := ExtractLetters("", Request{Method: "GET", URL: "http://x.gov.cn/zx/list.html", Page: 1}, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Title, URL, Received, Replied, Status string }
	var rows []row
	for _, l := range got.Letters {
		rows = append(rows, row{l.Title, l.DetailURL, l.Received.Time.Format("2006-01-02"), l.Replied.Raw, l.Status})
	}
	want := []row{
		{"咨询居住证办理条件", "http://x.gov.cn/zx/1.html", "2026-11-02", "2026-11-05", StatusReplied},
		{"咨询公交线路调整", "http://x.gov.cn/zx/2.html", "2026-11-01", "", StatusUnreplied},
	}
	if d := cmp.Diff(want, rows); d != "" {
		t.Errorf("letters (-want +got):\n%s", d)
	}
}

func TestMailProfileDetailFromRowIDs(t *testing.T) {
	body := `{"code":0,"data":{"total":2,"list":[{"id":"a7","title":"关于噪音扰民的投诉","createTime":"2026-11-02 09:00","status":"已办结"},{"id":"a8","title":"咨询学位申请","createTime":"2026-11-01 10:00","status":"办理中"}]}}`
	p := MailProfile{Detail: "/api/letter/info?id={id}"}
	got, err := ExtractLettersWith(p, Request{Method: "GET", URL: "http://x.gov.cn/api/letter/list?pageNum=1&pageSize=10", Page: 1}, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, l := range got.Letters {
		urls = append(urls, l.DetailURL)
	}
	if d := cmp.Diff([]string{"http://x.gov.cn/api/letter/info?id=a7", "http://x.gov.cn/api/letter/info?id=a8"}, urls); d != "" {
		t.Errorf("detail URLs (-want +got):\n%s", d)
	}
	for _, bad := range []MailProfile{{Format: "xml"}, {Method: "PUT"}, {Rows: "li[[["}, {API: "/api/list"}, {Detail: "/d.html"}} {
		if err := bad.Check(); err == nil {
			t.Errorf("Check(%+v) = nil, want an error", bad)
		}
	}
}

func TestMailProfileAPIPost(t *testing.T) {
	p := MailProfile{API: "/mail/list.do", Method: "POST", Form: "pageNo={page}&pageSize={size}&type=zx", PageSize: 10}
	first := p.FirstRequest("http://x.gov.cn/mail/index.html")
	want := Request{Method: "POST", URL: "http://x.gov.cn/mail/list.do", Page: 1, Form: url.Values{"pageNo": {"1"}, "pageSize": {"10"}, "type": {"zx"}}}
	if d := cmp.Diff(want, first); d != "" {
		t.Fatalf("first request (-want +got):\n%s", d)
	}
	body := `{"total":12,"rows":[{"title":"咨询一","createTime":"2026-11-02 09:00","status":"已回复"}]}`
	got, err := ExtractLettersWith(p, first, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	wantNext := []Request{{Method: "POST", URL: "http://x.gov.cn/mail/list.do", Page: 2, Form: url.Values{"pageNo": {"2"}, "pageSize": {"10"}, "type": {"zx"}}}}
	if d := cmp.Diff(wantNext, got.Next); d != "" {
		t.Errorf("next (-want +got):\n%s", d)
	}
	if got.TotalPages != 2 || got.TotalRecords != 12 {
		t.Errorf("totals %d pages %d records, want 2 and 12", got.TotalPages, got.TotalRecords)
	}
}

func TestMailProfileRowsOfTitlesOnly(t *testing.T) {
	body := `<div class="nav"><a href="/">首页</a></div><div class="box"><ul class="xjlb">
<li><a href="/xj/11.html">关于小区停车难的建议</a></li>
<li><a href="/xj/12.html">咨询公积金提取条件</a></li>
<li><a href="/xj/13.html">反映道路破损问题</a></li></ul></div>
<div class="links"><a href="/a.html">市政府</a><a href="/b.html">政务服务网</a></div>`
	req := Request{Method: "GET", URL: "http://x.gov.cn/xj/list.html", Page: 1}
	auto, err := ExtractLetters("auto", req, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(auto.Letters) != 0 {
		t.Errorf("auto read %d letters from titles alone, want none: a list of bare links may be anything", len(auto.Letters))
	}
	got, err := ExtractLettersWith(MailProfile{Rows: "ul.xjlb > li"}, req, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, l := range got.Letters {
		titles = append(titles, l.Title+" "+l.DetailURL)
	}
	want := []string{"关于小区停车难的建议 http://x.gov.cn/xj/11.html", "咨询公积金提取条件 http://x.gov.cn/xj/12.html", "反映道路破损问题 http://x.gov.cn/xj/13.html"}
	if d := cmp.Diff(want, titles); d != "" {
		t.Errorf("letters with the rows profile (-want +got):\n%s", d)
	}
}
