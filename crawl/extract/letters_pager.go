package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// mailPage is what a mailbox page's pager says.
type mailPage struct {
	next         []Request
	totalPages   int
	totalRecords int
	last         bool
	seen         bool
}

var (
	// 共23条, 共有 23 条记录, 总记录数：23, 总数：23.
	// 第 2/5 页, 当前第2页, 2/5页.
	// goPage(3), toPage('3'), gotoPage(3), jumpPage(3), turnPage(3),
	// changePage(3), page(3), nextPage(3): the page a script link asks for.
	reScriptPage = regexp.MustCompile(`(?i)\b[a-z_$]*page[a-z_$]*\s*\(\s*['"]?(\d{1,6})['"]?\s*[,)]`)
)

// pageFieldNames are the names of a form field or query parameter holding the
// page number.

// pagerWords mark a pager in a page's text or link texts.
var pagerWords = []string{"下一页", "上一页", "尾页", "末页", "首页", "下页", "上页", "最后一页"}

// mailPager reads a mailbox page's pager: a createPageHTML script, a 下一页
// link, a numbered link to the next page, or a script link that posts the
// page's form; 共N页, 共N条 and "k/n 页" for the totals and the last page.
func mailPager(doc *goquery.Document, body string, base *url.URL, req Request) mailPage {
	var pg mailPage
	text := foldWidth(doc.Text())
	if m := reTotalRecords.FindStringSubmatch(text); m != nil {
		pg.totalRecords = atoi(m[1] + m[2] + m[3])
		pg.seen = true
	}
	pg.totalPages = totalPagesText(doc)
	current := 0
	if m := reCurrentOf.FindStringSubmatch(text); m != nil {
		current = atoi(m[1] + m[3])
		pg.totalPages = max(pg.totalPages, atoi(m[2]+m[4]))
	}
	if t, ok := trsPaging(body); ok {
		pg.seen = true
		pg.totalPages = max(pg.totalPages, t.total)
		if next, ok := t.next(req); ok {
			pg.next = []Request{next}
		} else {
			pg.last = t.current+1 >= t.total
		}
		return pg
	}
	if pg.totalPages > 0 {
		pg.seen = true
	}
	links := findAll(doc.Get(0), func(n *html.Node) bool { return n.Data == "a" && !inNoise(n) })
	for _, a := range links {
		if pagerText(a) != "" {
			pg.seen = true
			break
		}
	}
	want := req.Page + 1
	if next := nextLink(Profile{}, doc, base, req); next != "" {
		pg.next = []Request{{Method: "GET", URL: next, Page: want}}
	} else if next := numberedPageLink(doc, base, want); next != "" {
		pg.seen = true
		pg.next = []Request{{Method: "GET", URL: next, Page: want}}
	} else if r, ok := scriptPageRequest(doc, links, base, req, want); ok {
		pg.seen = true
		pg.next = []Request{r}
	}
	switch {
	case current > 0 && pg.totalPages > 0:
		pg.last = current >= pg.totalPages
	case pg.totalPages > 0:
		pg.last = req.Page >= pg.totalPages
	}
	if pg.last {
		pg.next = nil
	} else if len(pg.next) == 0 && pg.seen && disabledNext(doc) {
		pg.last = true
	}
	if pg.totalPages == 0 && pg.last {
		pg.totalPages = req.Page
	}
	return pg
}

// pagerText is the pager word a link reads, or "".
func pagerText(a *html.Node) string {
	t := squash(foldWidth(nodeText(a)))
	for _, w := range pagerWords {
		if strings.Contains(t, w) && len([]rune(t)) <= len([]rune(w))+3 {
			return w
		}
	}
	return ""
}

// disabledNext reports whether the pager shows 下一页 as something that
// leads nowhere: plain text, or a link without a destination.
func disabledNext(doc *goquery.Document) bool {
	found := false
	doc.Find("span, a, em, li, font, b, button").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		t := squash(foldWidth(s.Text()))
		if t != "下一页" && t != "下页" {
			return true
		}
		if n.Data != "a" {
			if s.Find("a").Length() == 0 {
				found = true
			}
			return !found
		}
		href := strings.TrimSpace(attr(n, "href"))
		if (href == "" || href == "#" || strings.HasPrefix(strings.ToLower(href), "javascript:void")) && attr(n, "onclick") == "" {
			found = true
		}
		return !found
	})
	return found
}

// scriptPageRequest builds the request for page want from links that call a
// paging script (javascript:goPage(3), onclick="toPage(3)") and the page's
// form that carries the page field: a form post, or a GET of the form's
// action with its fields.
func scriptPageRequest(doc *goquery.Document, links []*html.Node, base *url.URL, req Request, want int) (Request, bool) {
	target := -1
	for _, a := range links {
		m := reScriptPage.FindStringSubmatch(attr(a, "href") + " " + attr(a, "onclick"))
		if m == nil {
			continue
		}
		n := atoi(m[1])
		t := squash(foldWidth(nodeText(a)))
		if t == "下一页" || t == "下页" || t == strconv.Itoa(want) {
			target = n
			if t != strconv.Itoa(want) {
				break
			}
		}
	}
	if target < 0 {
		return Request{}, false
	}
	form, field := pageForm(doc)
	if form == nil {
		// No form: the script most likely loads ?page=n.
		return Request{Method: "GET", URL: withPageParam(req.URL, target), Page: want}, true
	}
	values := url.Values{}
	for _, in := range findAll(form, func(n *html.Node) bool { return n.Data == "input" || n.Data == "select" }) {
		name := attr(in, "name")
		typ := strings.ToLower(attr(in, "type"))
		if name == "" || typ == "submit" || typ == "button" || typ == "image" || typ == "reset" ||
			((typ == "checkbox" || typ == "radio") && !hasAttr(in, "checked")) {
			continue
		}
		values.Set(name, attr(in, "value"))
	}
	values.Set(field, strconv.Itoa(target))
	action := resolve(base, attr(form, "action"))
	if action == "" {
		action = resolve(nil, req.URL)
	}
	if strings.EqualFold(attr(form, "method"), "post") {
		return Request{Method: "POST", URL: action, Form: values, Page: want}, true
	}
	u, err := url.Parse(action)
	if err != nil {
		return Request{}, false
	}
	u.RawQuery = values.Encode()
	return Request{Method: "GET", URL: u.String(), Page: want}, true
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// pageForm is the form holding a page number field, and the field's name.
func pageForm(doc *goquery.Document) (*html.Node, string) {
	for _, f := range findAll(doc.Get(0), func(n *html.Node) bool { return n.Data == "form" }) {
		for _, in := range findAll(f, func(n *html.Node) bool { return n.Data == "input" }) {
			name := attr(in, "name")
			// A field may be named for its bean: page.pageNo.
			short := name[strings.LastIndex(name, ".")+1:]
			for _, p := range pageFieldNames {
				if short == p {
					return f, name
				}
			}
		}
	}
	return nil, ""
}

// mailEmptyNotice reports whether the page says its list is empty.
func mailEmptyNotice(doc *goquery.Document) bool {
	t := squash(foldWidth(doc.Find("body").Text()))
	for _, w := range []string{"暂无信件", "暂无数据", "暂无记录", "暂无信息", "没有记录", "暂无留言", "暂无相关", "没有找到", "没有数据", "无记录", "暂无内容"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}
