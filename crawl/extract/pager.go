package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// pagerInfo is what a page's pager says: where the next page is, and the
// evidence of the list's size and end.
type pagerInfo struct {
	next         *Request
	seen         bool
	last         bool
	totalPages   int
	totalRecords int
	kind         string // how the next page is reached, for Recognised
}

var (
	// 共 230 条, 共有230条记录, 总记录数：230, 记录总数 230, 230 条记录.
	reTotalRecords = regexp.MustCompile(`(?:共\s*有?|总计|合计)\s*(\d{1,7})\s*(?:条|篇|项|个)|(?:总记录数?|记录总数|总条数|信息总数|总数)\s*:?\s*(\d{1,7})|(\d{1,7})\s*条记录`)
	// 第 2/12 页, 页次：2/12, 当前第2页/共12页, 2/12页.
	reCurrentOf = regexp.MustCompile(`(?:第|页次\s*:?|当前\s*:?\s*第?)\s*(\d{1,6})\s*(?:/|页\s*/?\s*共)\s*(\d{1,6})\s*页?|(\d{1,6})\s*/\s*(\d{1,6})\s*页`)
	// 当前第 2 页.
	reCurrentPage = regexp.MustCompile(`当前\s*(?:第|页\s*:?)?\s*(\d{1,6})\s*页?`)
	// goPage(3), toPage('3'), turnPage(3, 'x'): a page function called with
	// the page number first.
	reJSPageCall = regexp.MustCompile(`([A-Za-z_$][\w$.]*)\s*\(\s*["']?(\d{1,6})["']?\s*[,)]`)
	// The page field of a paging form or query.
	pageFieldNames = []string{"page", "pageNo", "pageIndex", "pageNum", "curPage", "currentPage", "pageno",
		"pagenum", "pageindex", "curpage", "currentpage", "p", "cp", "pn", "current", "page_no", "page_num", "cur_page",
		"cpage", "PageNo", "PageIndex", "Page", "CurrentPage"}
	// The texts of links to the last page.
	lastTexts = map[string]bool{"尾页": true, "末页": true, "最后一页": true, "最末页": true, "last": true, ">>|": true, "»|": true}
	// Texts a page uses to say its list is empty.
)

// htmlPager reads the pager of an HTML list page. It tries, in order, a
// createPageHTML script, a 下一页 link, the numbered links around the
// current page, then a page parameter the counts say should go on.
// Links that run a script (javascript:goPage(3)) become the request the
// script would make: the paging form posted with the page field set, or
// the URL the page function builds.
func htmlPager(p Profile, doc *goquery.Document, body string, req Request) pagerInfo {
	var pi pagerInfo
	base := parseBase(req.URL)
	text := foldWidth(nodeText(doc.Get(0)))
	// The patterns run only where their words are: most pages hold none.
	if strings.Contains(text, "条") || strings.Contains(text, "总") || strings.Contains(text, "计") {
		if m := reTotalRecords.FindStringSubmatch(text); m != nil {
			pi.totalRecords = atoi(m[1] + m[2] + m[3])
		}
	}
	current := req.Page
	if strings.Contains(text, "页") {
		if m := reCurrentOf.FindStringSubmatch(text); m != nil {
			cur, total := atoi(m[1]+m[3]), atoi(m[2]+m[4])
			if total > 0 && cur >= 1 && cur <= total {
				current, pi.totalPages, pi.seen = cur, total, true
			}
		} else if m := reTotalPages.FindStringSubmatch(text); m != nil && atoi(m[1]+m[2]) > 0 {
			pi.totalPages, pi.seen = atoi(m[1]+m[2]), true
		}
	}
	if strings.Contains(text, "当前") && pi.totalPages == 0 {
		if m := reCurrentPage.FindStringSubmatch(text); m != nil {
			current = atoi(m[1])
		}
	}

	if pg, ok := trsPaging(body); ok {
		pg = pg.withBase(req)
		pi.seen, pi.kind = true, "trs:createPageHTML"
		pi.totalPages = pg.total
		if pg.records > 0 {
			pi.totalRecords = pg.records
		}
		if next, ok := pg.next(req); ok {
			pi.next = &next
		} else if pg.last() {
			pi.last = true
		}
		return pi
	}

	// A 下一页 with a real link.
	if u := nextLink(p, doc, base, req); u != "" {
		pi.seen, pi.kind = true, "html:next"
		pi.next = &Request{Method: "GET", URL: u, Page: current + 1}
		return pi
	}
	// Pager elements: links, and the spans, list items and buttons that
	// show the current page or a disabled 下一页 (their own text only).
	links := findAll(doc.Get(0), func(n *html.Node) bool {
		switch n.Data {
		case "a":
			return true
		case "span", "li", "button", "b", "strong", "font":
			return n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode
		}
		return false
	})
	var nextEl, lastEl *html.Node
	numbered := map[int]*html.Node{}
	for _, n := range links {
		t := strings.ToLower(squash(foldWidth(nodeText(n))))
		switch {
		case isNextText(t) || squash(attr(n, "title")) == "下一页":
			if nextEl == nil || n.Data == "a" {
				nextEl = n
			}
			pi.seen = true
		case lastTexts[t]:
			lastEl = n
			pi.seen = true
		default:
			if k, err := strconv.Atoi(t); err == nil && k >= 1 && k < 100000 && n.Data == "a" && inPager(n) {
				if numbered[k] == nil {
					numbered[k] = n
				}
			}
		}
	}
	if len(numbered) >= 2 || (len(numbered) == 1 && pi.seen) {
		pi.seen = true
	}
	if !pi.seen {
		return pi
	}
	maxNum := 0
	for k := range numbered {
		maxNum = max(maxNum, k)
	}
	if lastEl != nil {
		if k := pageNumberOf(lastEl, base); k > maxNum {
			maxNum = k
		}
	}
	if pi.totalPages == 0 && lastEl != nil && maxNum > 0 {
		pi.totalPages = maxNum
	}
	// The element that leads to the page after this one.
	var target *html.Node
	if nextEl != nil && nextEl.Data == "a" {
		target = nextEl
	} else if n := numbered[current+1]; n != nil {
		target = n
	}
	if target != nil {
		if r, ok := linkRequest(target, doc, body, base, req, current+1); ok {
			pi.next, pi.kind = &r, "html:pager"
			if r.Method == "POST" {
				pi.kind = "html:form"
			}
			return pi
		}
	}
	// No usable element: the counts and the page parameter may still say
	// where the next page is.
	if pi.totalPages > 0 && current >= pi.totalPages {
		pi.last = true
		return pi
	}
	if target == nil && (nextEl == nil || nextEl.Data != "a") && numbered[current+1] == nil && pi.totalPages == 0 && current >= maxNum {
		// A disabled 下一页 (a span, or a link with no target) and no higher
		// page number: this is the last page.
		if nextEl != nil || len(numbered) > 0 {
			pi.last = true
		}
		return pi
	}
	if pi.totalPages > current && hasPageParam(req.URL) {
		pi.next = &Request{Method: "GET", URL: withPageParam(req.URL, current+1), Page: current + 1}
		pi.kind = "html:query"
	} else if pi.totalPages > current {
		// Buttons whose script posts the paging form.
		if r, ok := formRequest(doc, base, req, current+1); ok {
			r.Page = current + 1
			pi.next, pi.kind = &r, "html:form"
		}
	}
	return pi
}

func isNextText(t string) bool {
	return nextTexts[t] || t == "下一页>>" || t == "下一頁" || t == "[下一页]" || t == "下一页»"
}

// inPager reports whether a numbered link sits among other page links: its
// parent (or grandparent) holds another number or a pager word, so a lone
// "1" in a table of contents is not taken for a pager.
func inPager(n *html.Node) bool {
	for p, depth := n.Parent, 0; p != nil && depth < 3; p, depth = p.Parent, depth+1 {
		count := 0
		for c := range p.Descendants() {
			if c.Type == html.ElementNode && c.Data == "a" && c != n {
				if _, err := strconv.Atoi(strings.TrimSpace(nodeText(c))); err == nil {
					count++
				}
				t := squash(nodeText(c))
				if isNextText(t) || lastTexts[t] || t == "首页" || t == "上一页" {
					count++
				}
			}
			if count > 0 {
				return true
			}
		}
	}
	return false
}

// pageNumberOf reads the page number a pager link leads to: a number in its
// script call, or the page parameter or _N suffix of its URL.
func pageNumberOf(n *html.Node, base *url.URL) int {
	if _, k, ok := jsPageCall(n); ok {
		return k
	}
	u := resolve(base, attr(n, "href"))
	if u == "" {
		return 0
	}
	pu, err := url.Parse(u)
	if err != nil {
		return 0
	}
	for _, k := range pageFieldNames {
		if v := pu.Query().Get(k); v != "" {
			return atoi(v)
		}
	}
	if m := reFileNumber.FindStringSubmatch(pu.Path); m != nil {
		return atoi(m[1])
	}
	return 0
}

// jsPageCall reads the page function a pager element calls and the page
// number it passes, from its onclick or its javascript: link.
func jsPageCall(n *html.Node) (string, int, bool) {
	js := attr(n, "onclick")
	if h := attr(n, "href"); strings.HasPrefix(strings.ToLower(strings.TrimSpace(h)), "javascript:") {
		js += ";" + h
	}
	for _, m := range reJSPageCall.FindAllStringSubmatch(js, -1) {
		if m[1] == "void" || strings.HasSuffix(m[1], "javascript") {
			continue
		}
		if k := atoi(m[2]); k >= 1 {
			return m[1], k, true
		}
	}
	return "", 0, false
}

var reFileNumber = regexp.MustCompile(`_(\d{1,6})\.[A-Za-z]{2,5}$`)

// linkRequest is the request a pager element makes: its URL when it has
// one, else what its script does.
func linkRequest(n *html.Node, doc *goquery.Document, body string, base *url.URL, req Request, page int) (Request, bool) {
	if n.Data == "a" {
		if u := resolve(base, attr(n, "href")); u != "" && u != resolve(nil, req.URL) {
			return Request{Method: "GET", URL: u, Page: page}, true
		}
	}
	fn, k, ok := jsPageCall(n)
	if !ok {
		return Request{}, false
	}
	// The page function may build a URL: location.href = "list_" + n + ".html".
	if u, ok := jsFunctionURL(body, fn, k, base); ok {
		return Request{Method: "GET", URL: u, Page: page}, true
	}
	if r, ok := formRequest(doc, base, req, k); ok {
		r.Page = page
		return r, true
	}
	if hasPageParam(req.URL) {
		return Request{Method: "GET", URL: withPageParam(req.URL, k), Page: page}, true
	}
	return Request{}, false
}

// reJSConcatURL finds a URL built around the page argument inside a page
// function: "list_" + n + ".html", '?page=' + p.
var reJSConcatURL = regexp.MustCompile(`["']([^"'\s]*)["']\s*\+\s*([A-Za-z_$][\w$]*)\s*(?:\+\s*["']([^"'\s]*)["'])?`)

// jsFunctionURL reads the definition of the page function fn and, when it
// sets location to a string built around its argument, returns that URL
// for page k.
func jsFunctionURL(body, fn string, k int, base *url.URL) (string, bool) {
	name := fn[strings.LastIndex(fn, ".")+1:]
	re, err := regexp.Compile(`function\s+` + regexp.QuoteMeta(name) + `\s*\(\s*([A-Za-z_$][\w$]*)[^)]*\)\s*\{`)
	if err != nil {
		return "", false
	}
	loc := re.FindStringSubmatchIndex(body)
	if loc == nil {
		return "", false
	}
	arg := body[loc[2]:loc[3]]
	end := min(len(body), loc[1]+600)
	fnBody := body[loc[1]:end]
	depth := 1
	for i := 0; i < len(fnBody); i++ {
		if fnBody[i] == '{' {
			depth++
		} else if fnBody[i] == '}' {
			if depth--; depth == 0 {
				fnBody = fnBody[:i]
				break
			}
		}
	}
	if !strings.Contains(fnBody, "location") && !strings.Contains(fnBody, "window.open") {
		return "", false
	}
	for _, m := range reJSConcatURL.FindAllStringSubmatch(fnBody, -1) {
		if m[2] != arg {
			continue
		}
		u := resolve(base, m[1]+strconv.Itoa(k)+m[3])
		if u != "" {
			return u, true
		}
	}
	return "", false
}

// formRequest is the paging form posted (or sent) for page k: the form that
// has a page field, with every field it holds.
func formRequest(doc *goquery.Document, base *url.URL, req Request, k int) (Request, bool) {
	var out Request
	found := false
	doc.Find("form").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		form := url.Values{}
		pageField := ""
		f.Find("input, select, textarea").Each(func(_ int, in *goquery.Selection) {
			name, ok := in.Attr("name")
			if !ok || name == "" {
				return
			}
			if t := strings.ToLower(in.AttrOr("type", "")); t == "submit" || t == "button" || t == "image" {
				return
			}
			v := in.AttrOr("value", "")
			if goquery.NodeName(in) == "select" {
				v = in.Find("option[selected]").AttrOr("value", "")
			}
			form.Add(name, v)
			if pageField == "" && isPageField(name) {
				pageField = name
			}
		})
		if pageField == "" {
			return true
		}
		form.Set(pageField, strconv.Itoa(k))
		action := resolve(base, f.AttrOr("action", ""))
		if action == "" {
			action = resolve(nil, req.URL)
		}
		method := strings.ToUpper(f.AttrOr("method", "GET"))
		if method == "POST" {
			out = Request{Method: "POST", URL: action, Form: form}
		} else {
			u, err := url.Parse(action)
			if err != nil {
				return true
			}
			u.RawQuery = form.Encode()
			out = Request{Method: "GET", URL: u.String()}
		}
		found = true
		return false
	})
	return out, found
}

func isPageField(name string) bool {
	for _, k := range pageFieldNames {
		if strings.EqualFold(name, k) {
			return true
		}
	}
	return false
}

// hasPageParam reports whether a URL carries a page parameter.
func hasPageParam(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	q := u.Query()
	for _, k := range pageFieldNames {
		if q.Has(k) {
			return true
		}
	}
	return false
}

// emptyNotice reports whether a page says in words that its list is empty.
func emptyNotice(text string) bool {
	t := squash(text)
	for _, w := range emptyNotices {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// emptyRow reports whether the page holds a list row that says the list is
// empty: a short element without links whose whole text is an empty
// notice (<li>暂无信息</li>, <td colspan=4>没有记录</td>).
func emptyRow(root *html.Node) bool {
	found := false
	for n := range root.Descendants() {
		if found || n.Type != html.ElementNode || inNoise(n) {
			continue
		}
		switch n.Data {
		case "li", "td", "p", "div", "span", "dd":
		default:
			continue
		}
		t := squash(nodeText(n))
		if t == "" || utf8.RuneCountInString(t) > 16 || !emptyNotice(t) {
			continue
		}
		if len(findAll(n, func(c *html.Node) bool { return c.Data == "a" })) == 0 {
			found = true
		}
	}
	return found
}

// mentionsEmpty is a quick look for an empty notice in raw markup, before
// the page is searched for the element that holds it.
func mentionsEmpty(body string) bool {
	for _, w := range emptyNotices {
		if strings.Contains(body, w) {
			return true
		}
	}
	return false
}
