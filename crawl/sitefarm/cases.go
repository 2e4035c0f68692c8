package sitefarm

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/domain"
)

// The verdict cases (Options.VerdictCases) are extra units, each on its
// own listener, whose sources a correct crawler must judge in a known way:
// a pager the profile cannot follow, a list that is only a sidebar box, an
// undecodable page, a site that is down, a site behind a challenge, a
// detail page gone, a pinned row across two months, an edited title, a
// deleted item, a letter due on the cutoff day. They are described here as
// data (caseSites) and rendered by one small generic renderer; the demo
// farm's own units, truth and random streams are untouched by them.

// Case is one source of the verdict cases and what a crawl of it must
// conclude in one mode. In later mode the expectation is for the run that
// follows a normal-mode run under the same landing root (incremental).
type Case struct {
	Name     string // what the case shows, e.g. "pager the profile cannot read"
	UnitID   string
	SourceID string // a column's or mailbox's ID; "home" for the home page
	Verdict  string // domain.Verdict*
	// Distinct is the number of distinct items or letters the read lists;
	// DetailsFailed the listed items whose detail page cannot be read.
	Distinct      int
	DetailsFailed int
	// UnitFailed says the unit as a whole must be reported failed.
	UnitFailed bool
	// Later mode: the item whose title was edited (URL) and its new title,
	// the item deleted (URL), the letter due on the cutoff day (信件编号)
	// with its deadline (the later AsOf).
	Edited, EditedTitle, Deleted string
	DueLetter                    string
	Due                          time.Time
}

// caseSite is one verdict-case unit, as data.
type caseSite struct {
	id, name, kind string
	// down: every connection is closed without an answer; blocked: every
	// page is a 412 challenge.
	down, blocked bool
	// sidebar: every page carries a 热点 box of dated links.
	sidebar bool
	cols    []caseCol
	mails   []caseMail
}

// caseCol is one column of a case site. Its items are listed newest first,
// pageSize to a page, pinned items above them on every page.
type caseCol struct {
	id, name string
	// shape: "list" (a plain list with 下一页), "script" (the list is
	// loaded by a script; the page shows only the site's chrome),
	// "pager-script" (a pager of javascript: links only, with 共N页),
	// "undecodable" (bytes in no encoding).
	shape string
	items func(m *model, mode int) []caseItem
}

type caseItem struct {
	n      int // number in the URL
	title  string
	date   time.Time
	pinned bool
	gone   bool // the detail page answers 404
}

type caseMail struct {
	id, name string
	letters  func(m *model, mode int) []*Letter
}

const casePageSize = 10

// caseSites are the verdict-case units, in ID order.
var caseSites = []caseSite{
	{id: "v01", name: "市审计局", kind: "部门", cols: []caseCol{
		{id: "v01-tzgg", name: "通知公告", shape: "pager-script", items: datedItems(100, 10, 3)},
		{id: "v01-gzdt", name: "工作动态", shape: "list", items: withGone(datedItems(200, 3, 5), 201)},
		{id: "v01-zcwj", name: "政策文件", shape: "list", items: pinnedItems},
		{id: "v01-zcjd", name: "政策解读", shape: "list", items: editedItems},
	}, mails: []caseMail{{id: "v01-zxzx", name: "在线咨询", letters: dueLetters}}},
	{id: "v02", name: "市统计局", kind: "部门", sidebar: true, cols: []caseCol{
		{id: "v02-gzdt", name: "工作动态", shape: "list", items: datedItems(300, 8, 4)},
		{id: "v02-tzgg", name: "通知公告", shape: "list", items: datedItems(400, 8, 6)},
		{id: "v02-zcwj", name: "政策文件", shape: "script", items: datedItems(500, 12, 7)},
		{id: "v02-zcjd", name: "政策解读", shape: "undecodable", items: datedItems(600, 4, 9)},
	}},
	{id: "v03", name: "白沙镇", kind: "乡镇", down: true, cols: []caseCol{
		{id: "v03-gzdt", name: "镇内动态", shape: "list", items: datedItems(700, 5, 3)},
	}},
	{id: "v04", name: "金山街道", kind: "街道", blocked: true, cols: []caseCol{
		{id: "v04-gzdt", name: "街道动态", shape: "list", items: datedItems(800, 5, 3)},
		{id: "v04-tzgg", name: "通知公告", shape: "list", items: datedItems(900, 5, 3)},
	}},
}

// caseTruth is what a crawl of the case sites must conclude, per mode.
func caseTruth(mode int) []Case {
	v := func(name, unit, src, verdict string, distinct, detailsFailed int) Case {
		return Case{Name: name, UnitID: unit, SourceID: src, Verdict: verdict, Distinct: distinct, DetailsFailed: detailsFailed}
	}
	out := []Case{
		v("home page read", "v01", "home", domain.VerdictComplete, 0, 0),
		v("pager the profile cannot read", "v01", "v01-tzgg", domain.VerdictPartial, 10, 0),
		v("a detail page that answers 404", "v01", "v01-gzdt", domain.VerdictComplete, 3, 1),
		v("a pinned row on every page", "v01", "v01-zcwj", domain.VerdictComplete, 16, 0),
		v("an item edited, then one deleted", "v01", "v01-zcjd", domain.VerdictComplete, 6, 0),
		v("a letter due on the later cutoff day", "v01", "v01-zxzx", domain.VerdictComplete, 3, 0),
		v("home page read", "v02", "home", domain.VerdictComplete, 0, 0),
		v("a list beside a sidebar box", "v02", "v02-gzdt", domain.VerdictComplete, 8, 0),
		v("a list beside a sidebar box", "v02", "v02-tzgg", domain.VerdictComplete, 8, 0),
		v("a list that yields only the sidebar box", "v02", "v02-zcwj", domain.VerdictSuspect, 5, 0),
		v("an undecodable page", "v02", "v02-zcjd", domain.VerdictFailed, 0, 0),
		v("the whole site down", "v03", "home", domain.VerdictFailed, 0, 0),
		v("the whole site down", "v03", "v03-gzdt", domain.VerdictFailed, 0, 0),
		v("a unit behind a challenge", "v04", "home", domain.VerdictBlocked, 0, 0),
		v("a unit behind a challenge", "v04", "v04-gzdt", domain.VerdictBlocked, 0, 0),
		v("a unit behind a challenge", "v04", "v04-tzgg", domain.VerdictBlocked, 0, 0),
	}
	if mode == modeLater {
		for i := range out {
			switch out[i].SourceID {
			case "v01-tzgg":
				// Incremental: the first page holds only items seen before.
				out[i].Verdict = domain.VerdictComplete
			case "v01-zcwj":
				// The pinned row, 10 new items on page 1; page 2 shows 4
				// more new items before those seen, so both pages are read.
				out[i].Distinct = 21
			case "v01-zcjd":
				out[i].Distinct = 5
			case "v01-zxzx":
				out[i].Distinct = 4
			}
		}
	}
	for i := range out {
		if out[i].UnitID == "v03" || out[i].UnitID == "v04" {
			out[i].UnitFailed = true
		}
	}
	return out
}

// caseLaterFacts fills, in later mode, the edited and deleted items and
// the letter due on the cutoff day, with absolute URLs.
func (f *Farm) caseLaterFacts(cases []Case) {
	base := f.cases[0].base
	for i := range cases {
		switch cases[i].SourceID {
		case "v01-zcjd":
			cases[i].Edited = fmt.Sprintf("%s/v01-zcjd/art_%d.html", base, caseEdited)
			cases[i].EditedTitle = "关于做好第1201号事项的通知（修订）"
			cases[i].Deleted = fmt.Sprintf("%s/v01-zcjd/art_%d.html", base, caseDeleted)
		case "v01-zxzx":
			cases[i].DueLetter = "ZX20260004"
			cases[i].Due = f.m.asOf[modeLater]
		}
	}
}

// datedItems makes n items numbered from first, one every step days back
// from the farm's AsOf (later mode adds nothing).
func datedItems(first, n, step int) func(m *model, mode int) []caseItem {
	return func(m *model, mode int) []caseItem {
		out := make([]caseItem, n)
		for i := range out {
			out[i] = caseItem{n: first + i, title: fmt.Sprintf("关于做好第%d号事项的通知", first+i),
				date: m.asOf[modeNormal].AddDate(0, 0, -step*(i+1))}
		}
		return out
	}
}

func withGone(f func(*model, int) []caseItem, n int) func(*model, int) []caseItem {
	return func(m *model, mode int) []caseItem {
		items := f(m, mode)
		for i := range items {
			items[i].gone = items[i].n == n
		}
		return items
	}
}

// pinnedItems: a notice pinned two months before AsOf above 15 items; one
// month on, 14 new items sit between the pinned row and the old ones.
func pinnedItems(m *model, mode int) []caseItem {
	asOf := m.asOf[modeNormal]
	out := []caseItem{{n: 1000, title: "关于开展政务公开专项检查的通知（置顶）", date: asOf.AddDate(0, -2, 0), pinned: true}}
	if mode == modeLater {
		for i := range 14 {
			out = append(out, caseItem{n: 1100 + i, title: fmt.Sprintf("本月第%d号政策文件", 14-i), date: m.asOf[modeLater].AddDate(0, 0, -1-2*i)})
		}
	}
	for i := range 15 {
		out = append(out, caseItem{n: 1001 + i, title: fmt.Sprintf("上月第%d号政策文件", 15-i), date: asOf.AddDate(0, 0, -1-i)})
	}
	return out
}

// editedItems: six items; one month on, the second has a new title and
// the fourth is gone from the list and its page.
func editedItems(m *model, mode int) []caseItem {
	items := datedItems(1200, 6, 5)(m, mode)
	if mode == modeNormal {
		return items
	}
	items[1].title = "关于做好第1201号事项的通知（修订）"
	return append(items[:3:3], items[4:]...)
}

// caseEdited and caseDeleted are the items editedItems changes.
const (
	caseEdited  = 1201
	caseDeleted = 1203
)

// dueLetters: three letters; one month on, a 咨询 letter received five
// working days before the later AsOf, unanswered: due on that cutoff day,
// not yet overdue.
func dueLetters(m *model, mode int) []*Letter {
	asOf := m.asOf[modeNormal]
	mk := func(no int, title, typ, typeRaw string, received time.Time, replied bool) *Letter {
		l := &Letter{No: fmt.Sprintf("ZX2026%04d", no), Title: title, Type: typ, TypeRaw: typeRaw, Received: received,
			StatusRaw: "待回复", Status: "unreplied", ShowsReplyTime: true, ShowsHandler: true, ShowsReplyContent: true,
			path: fmt.Sprintf("/hdjl/zxzx/letter_%d.html", no), id: no}
		if replied {
			l.StatusRaw, l.Status, l.Handler = "已办结", "replied", "市审计局办公室"
			l.Replied = received.AddDate(0, 0, 2)
		}
		return l
	}
	out := []*Letter{
		mk(3, "审计报告何时公开", "咨询", "咨询", asOf.AddDate(0, 0, -10).Add(9*time.Hour), true),
		mk(2, "关于审计整改情况的询问", "咨询", "咨询", asOf.AddDate(0, 0, -20).Add(10*time.Hour), true),
		mk(1, "建议公开更多审计结果", "建议", "建议", asOf.AddDate(0, 0, -30).Add(15*time.Hour), true),
	}
	if mode == modeLater {
		received := dayFromNum(addWorkdays(dayNum(m.asOf[modeLater]), -5)).Add(11 * time.Hour)
		out = append([]*Letter{mk(4, "企业审计事项咨询", "咨询", "咨询", received, false)}, out...)
	}
	return out
}

// caseServer is one running case site.
type caseServer struct {
	site caseSite
	base string
}

// startCases serves every case site on its own listener.
func (f *Farm) startCases() error {
	for _, cs := range caseSites {
		srv, base, err := f.listen(func(w http.ResponseWriter, r *http.Request) { f.serveCase(cs, w, r) })
		if err != nil {
			return fmt.Errorf("listen for case unit %s: %w", cs.id, err)
		}
		f.servers = append(f.servers, srv)
		f.cases = append(f.cases, &caseServer{site: cs, base: base})
	}
	for mode := range 2 {
		f.m.truth[mode].Cases = caseTruth(mode)
		f.m.truth[mode].CaseUnits = f.caseUnits(mode)
	}
	f.caseLaterFacts(f.m.truth[modeLater].Cases)
	return nil
}

// caseUnits are the case sites as Units, for configs and tests.
func (f *Farm) caseUnits(mode int) []*Unit {
	var out []*Unit
	for _, cs := range f.cases {
		s := cs.site
		u := &Unit{ID: s.id, Name: s.name, Kind: s.kind, Family: "generic", Encoding: "utf-8", BaseURL: cs.base,
			Home: &Home{URL: cs.base + "/", Fails: s.down}, MustHaveMailbox: len(s.mails) > 0}
		for _, c := range s.cols {
			col := &Column{ID: c.id, Name: c.name, URL: cs.base + "/" + c.id + "/list.html", PageSize: casePageSize, Blocked: s.blocked}
			if s.blocked {
				col.BlockKind = "412"
			}
			for _, it := range c.items(f.m, mode) {
				col.Items = append(col.Items, &Item{ID: fmt.Sprintf("%s-%d", s.id, it.n), URL: cs.base + caseItemPath(c, it), Title: it.title,
					ListTitle: it.title, PublishDate: it.date, ListDate: it.date, ColumnIDs: []string{c.id}, NotFound: it.gone})
			}
			u.Columns = append(u.Columns, col)
		}
		for _, mb := range s.mails {
			box := &Mailbox{ID: mb.id, Name: mb.name, URL: cs.base + "/hdjl/" + mb.id + "/index.html", Format: "html",
				PageSize: casePageSize, ListShowsHandler: true, ListShowsReplied: true}
			for _, l := range mb.letters(f.m, mode) {
				c := *l
				c.DetailURL = cs.base + l.path
				box.Letters = append(box.Letters, &c)
			}
			u.Mailboxes = append(u.Mailboxes, box)
		}
		out = append(out, u)
	}
	return out
}

func caseItemPath(c caseCol, it caseItem) string { return fmt.Sprintf("/%s/art_%d.html", c.id, it.n) }

// serveCase answers one request of a case site.
func (f *Farm) serveCase(cs caseSite, w http.ResponseWriter, r *http.Request) {
	rec := Request{Unit: cs.id, Method: r.Method, Path: r.URL.RequestURI()}
	if cs.down {
		rec.Fault = "down"
		f.record(rec)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	resp := f.renderCase(cs, f.mode(), r)
	rec.Status = resp.status
	f.record(rec)
	h := w.Header()
	h.Set("Content-Type", resp.ctype)
	for k, v := range resp.header {
		h.Set(k, v)
	}
	h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(resp.status)
	w.Write(resp.body)
}

func caseHTML(status int, body string) response {
	return response{status: status, ctype: "text/html; charset=utf-8", body: []byte(body)}
}

func (f *Farm) renderCase(cs caseSite, mode int, r *http.Request) response {
	p := r.URL.Path
	if p == "/robots.txt" {
		return response{status: 200, ctype: "text/plain; charset=utf-8", body: []byte("User-agent: *\nDisallow: /admin/\n")}
	}
	if cs.blocked {
		return blockedPage("412")
	}
	if p == "/" || p == "/index.html" {
		return caseHTML(200, f.caseHome(cs, mode))
	}
	for _, c := range cs.cols {
		if p == "/"+c.id+"/list.html" {
			return f.caseList(cs, c, mode, atoiDefault(r.URL.Query().Get("page"), 1))
		}
		for _, it := range c.items(f.m, mode) {
			if p == caseItemPath(c, it) && !it.gone {
				return caseHTML(200, caseDetail(cs, it))
			}
		}
		// A deleted item's page is gone with it.
	}
	for _, mb := range cs.mails {
		letters := mb.letters(f.m, mode)
		if p == "/hdjl/"+mb.id+"/index.html" {
			return caseHTML(200, caseMailList(cs, mb, letters))
		}
		for _, l := range letters {
			if p == l.path {
				return caseHTML(200, caseLetter(cs, l))
			}
		}
	}
	return notFound()
}

func caseStart(b *strings.Builder, cs caseSite, title string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n", esc(title))
	fmt.Fprintf(b, `<div class="header"><div class="logo"><a href="/">%s</a></div><div class="nav"><ul><li><a href="/">首页</a></li>`, esc(cs.name))
	for _, c := range cs.cols {
		fmt.Fprintf(b, `<li><a href="/%s/list.html">%s</a></li>`, c.id, esc(c.name))
	}
	b.WriteString("</ul></div></div>\n")
}

// caseSidebar is the 热点 box of a sidebar site: the same five dated links
// on every page, to items of its script-loaded column.
func (f *Farm) caseSidebar(b *strings.Builder, cs caseSite, mode int) {
	if !cs.sidebar {
		return
	}
	for _, c := range cs.cols {
		if c.shape != "script" {
			continue
		}
		b.WriteString(`<div class="hot-box"><h3>热点信息</h3><ul>`)
		for _, it := range c.items(f.m, mode)[:5] {
			fmt.Fprintf(b, `<li><a href="%s" title="%s">%s</a><span>%s</span></li>`, caseItemPath(c, it), esc(it.title), esc(it.title), it.date.Format(time.DateOnly))
		}
		b.WriteString("</ul></div>\n")
	}
}

func caseEnd(b *strings.Builder, cs caseSite) {
	fmt.Fprintf(b, "<div class=\"footer\"><p>主办单位：%s</p></div>\n</body>\n</html>\n", esc(cs.name))
}

func (f *Farm) caseHome(cs caseSite, mode int) string {
	var b strings.Builder
	caseStart(&b, cs, cs.name)
	f.caseSidebar(&b, cs, mode)
	var all []caseItem
	var cols []caseCol
	for _, c := range cs.cols {
		if c.shape == "list" {
			for _, it := range c.items(f.m, mode) {
				all = append(all, it)
				cols = append(cols, c)
			}
		}
	}
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return all[idx[a]].date.After(all[idx[b]].date) })
	b.WriteString(`<div class="home-news"><h3>最新信息</h3><ul>`)
	for _, i := range idx[:min(len(idx), 3)] {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a><span>%s</span></li>`, caseItemPath(cols[i], all[i]), esc(all[i].title), all[i].date.Format(time.DateOnly))
	}
	b.WriteString("</ul></div>\n")
	caseEnd(&b, cs)
	return b.String()
}

func (f *Farm) caseList(cs caseSite, c caseCol, mode int, page int) response {
	if c.shape == "undecodable" {
		return response{status: 200, ctype: "text/html; charset=gbk", body: []byte(strings.Repeat("\x81\xff\x00\xfe\xc0\x7f", 600))}
	}
	items := c.items(f.m, mode)
	var pinned, rest []caseItem
	for _, it := range items {
		if it.pinned {
			pinned = append(pinned, it)
		} else {
			rest = append(rest, it)
		}
	}
	n := max(1, (len(rest)+casePageSize-1)/casePageSize)
	if page < 1 || page > n {
		return notFound()
	}
	var b strings.Builder
	caseStart(&b, cs, c.name)
	f.caseSidebar(&b, cs, mode)
	if c.shape == "script" {
		fmt.Fprintf(&b, "<div class=\"list-box\"><ul id=\"list\"></ul></div>\n<script>$.getJSON('/api/list?channel=%s',function(r){render(r.data)});</script>\n", c.id)
		caseEnd(&b, cs)
		return caseHTML(200, b.String())
	}
	b.WriteString(`<div class="list-box"><ul class="list">`)
	for _, it := range append(pinned, rest[(page-1)*casePageSize:min(len(rest), page*casePageSize)]...) {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>`, caseItemPath(c, it), esc(it.title), esc(it.title), it.date.Format(time.DateOnly))
	}
	b.WriteString("</ul>\n")
	switch c.shape {
	case "pager-script":
		// A pager written for a script to follow: nothing a static reader
		// can request, but it says how many pages there are.
		fmt.Fprintf(&b, `<div class="pager">共%d页 <a href="javascript:void(0)" onclick="goPage(2)">下一页</a></div>`, 3)
	default:
		b.WriteString(`<div class="pages">`)
		if page < n {
			fmt.Fprintf(&b, `<a href="list.html?page=%d">下一页</a> `, page+1)
		} else {
			b.WriteString(`<span>下一页</span> `)
		}
		fmt.Fprintf(&b, `第%d/%d页</div>`, page, n)
	}
	b.WriteString("</div>\n")
	caseEnd(&b, cs)
	return caseHTML(200, b.String())
}

func caseDetail(cs caseSite, it caseItem) string {
	var b strings.Builder
	caseStart(&b, cs, it.title)
	d := it.date.Format(time.DateOnly)
	fmt.Fprintf(&b, `<table class="xxgk"><tr><td>索引号：</td><td>%s-%d</td><td>发布机构：</td><td>%s</td></tr><tr><td>成文日期：</td><td>%s</td><td>发布日期：</td><td>%s</td></tr></table>`, cs.id, it.n, esc(cs.name), d, d)
	fmt.Fprintf(&b, "<h1>%s</h1><div class=\"content\"><p>正文。</p></div>\n", esc(it.title))
	caseEnd(&b, cs)
	return b.String()
}

func caseMailList(cs caseSite, mb caseMail, letters []*Letter) string {
	var b strings.Builder
	caseStart(&b, cs, mb.name)
	b.WriteString(`<table class="letter-list"><thead><tr><th>信件编号</th><th>标题</th><th>类型</th><th>来信时间</th><th>状态</th><th>办理单位</th><th>回复时间</th></tr></thead><tbody>` + "\n")
	for _, l := range letters {
		rep := ""
		if !l.Replied.IsZero() {
			rep = l.Replied.Format(letterTimeLayout)
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			l.No, l.path, esc(l.Title), l.TypeRaw, l.Received.Format(letterTimeLayout), l.StatusRaw, esc(l.Handler), rep)
	}
	fmt.Fprintf(&b, "</tbody></table>\n<div class=\"pages\">共%d条 第1/1页</div>\n", len(letters))
	caseEnd(&b, cs)
	return b.String()
}

func caseLetter(cs caseSite, l *Letter) string {
	var b strings.Builder
	caseStart(&b, cs, l.Title)
	b.WriteString("<table class=\"letter\">\n")
	row := func(k, v string) { fmt.Fprintf(&b, "<tr><th>%s</th><td>%s</td></tr>\n", k, esc(v)) }
	row("信件编号", l.No)
	row("来信标题", l.Title)
	row("来信类型", l.TypeRaw)
	row("来信时间", l.Received.Format(time.DateTime))
	row("办理状态", l.StatusRaw)
	row("来信内容", "我想咨询“"+l.Title+"”的有关情况。")
	b.WriteString("</table>\n")
	if l.Status == "replied" {
		b.WriteString(`<div class="reply"><h3>回复信息</h3><table>` + "\n")
		row("答复单位", l.Handler)
		row("答复时间", l.Replied.Format(time.DateTime))
		row("答复内容", "您好，相关情况已在网站公开。")
		b.WriteString("</table></div>\n")
	}
	caseEnd(&b, cs)
	return b.String()
}
