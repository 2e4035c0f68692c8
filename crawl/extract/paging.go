package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

var (
	// createPageHTML(12, 0, "index", "html"); the two numbers may be
	// variables (var countPage = 12) or quoted, and some sites put the id of
	// the pager element first: createPageHTML('page_div', 12, 1, 'index',
	// 'shtml', 230), the last argument the record count.
	reCreatePage = regexp.MustCompile(`createPageHTML\s*\(\s*(?:["']([^"'\d][^"']*)["']\s*,\s*)?["']?([A-Za-z_$][\w$]*|\d+)["']?\s*,\s*["']?([A-Za-z_$][\w$]*|\d+)["']?\s*(?:,\s*["']([^"']*)["']\s*(?:,\s*["']([^"']*)["']\s*(?:,\s*["']?(\d+))?)?)?`)
	// "共 9 页" or "第 1/4 页".
	reTotalPages = regexp.MustCompile(`共\s*(\d{1,6})\s*页|第\s*\d{1,6}\s*/\s*(\d{1,6})\s*页`)
)

// trsPage is the paging of a TRS WCM static column.
type trsPage struct {
	total, current int // current as the script has it: 0-based, or 1-based on some sites
	prefix, ext    string
	records        int // the record count some sites pass last, else 0
	base           int // 0 or 1: the current number of the first page
}

// trsPaging reads the createPageHTML call of a TRS page.
func trsPaging(body string) (trsPage, bool) {
	for _, idx := range reCreatePage.FindAllStringSubmatchIndex(body, -1) {
		// Pages that inline the pager script also hold its definition.
		if strings.HasSuffix(strings.TrimRight(body[:idx[0]], " \t\r\n"), "function") {
			continue
		}
		m := make([]string, 7)
		for g := range m {
			if idx[2*g] >= 0 {
				m[g] = body[idx[2*g]:idx[2*g+1]]
			}
		}
		total, ok := jsInt(body, m[2])
		if !ok || total < 0 {
			continue
		}
		current, ok := jsInt(body, m[3])
		if !ok {
			current = 0
		}
		pg := newTRSPage(total, current, m[4], m[5])
		pg.records = atoi(m[6])
		return pg, true
	}
	return trsPage{}, false
}

func newTRSPage(total, current int, prefix, ext string) trsPage {
	pg := trsPage{total: total, current: current, prefix: prefix, ext: ext}
	if pg.prefix == "" {
		pg.prefix = "index"
	}
	if pg.ext == "" {
		pg.ext = "html"
	}
	return pg
}

// jsInt reads an integer literal, or the value assigned to a variable
// somewhere in the page (var countPage = 12).
func jsInt(body, arg string) (int, bool) {
	if n, err := strconv.Atoi(arg); err == nil {
		return n, true
	}
	re, err := regexp.Compile(`\b` + regexp.QuoteMeta(arg) + `\s*=\s*["']?(\d+)`)
	if err != nil {
		return 0, false
	}
	m := re.FindStringSubmatch(body)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// withBase settles whether the script counts pages from 0 or from 1. The
// first page says it (0 or 1); a later page says it with its file number:
// prefix_N is current N in both schemes, so the page number the crawler
// gave decides (0-based: N+1, 1-based: N).
func (pg trsPage) withBase(req Request) trsPage {
	pg.base = 0
	switch {
	case pg.current == 1 && !trsNumbered(req.URL, pg.prefix):
		pg.base = 1
	case pg.current >= 1 && req.Page == pg.current:
		pg.base = 1
	}
	return pg
}

// trsNumbered reports whether a page URL is a numbered page (prefix_N.ext)
// rather than the column's first page.
func trsNumbered(pageURL, prefix string) bool {
	u := parseBase(pageURL)
	if u == nil {
		return false
	}
	last := u.Path[strings.LastIndex(u.Path, "/")+1:]
	return strings.HasPrefix(last, prefix+"_")
}

// page is the 1-based number of the current page.
func (pg trsPage) page() int { return pg.current - pg.base + 1 }

// last reports whether the current page is the last one.
func (pg trsPage) last() bool { return pg.page() >= pg.total }

// next is the request for the page after the current one: the file of the
// current page plus one (prefix_N.ext in the column directory; the first
// page is prefix.ext, so its follower is prefix_1 when counting from 0 and
// prefix_2 when counting from 1).
func (pg trsPage) next(req Request) (Request, bool) {
	if pg.last() || pg.current < 0 {
		return Request{}, false
	}
	dir := columnDir(req.URL)
	if dir == nil {
		return Request{}, false
	}
	name := pg.prefix + "_" + strconv.Itoa(pg.current+1) + "." + pg.ext
	u := dir.ResolveReference(&url.URL{Path: name})
	return Request{Method: "GET", URL: u.String(), Page: pg.page() + 1}, true
}

// columnDir is the directory of a column page URL. A last segment without
// a dot is taken for a directory written without its trailing slash.
func columnDir(pageURL string) *url.URL {
	u := parseBase(pageURL)
	if u == nil {
		return nil
	}
	u = &url.URL{Scheme: u.Scheme, User: u.User, Host: u.Host, Path: u.Path}
	last := u.Path[strings.LastIndex(u.Path, "/")+1:]
	if last != "" && !strings.Contains(last, ".") {
		u.Path += "/"
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u
}

// totalPagesText reads "共 N 页" from a pager.
func totalPagesText(doc *goquery.Document) int {
	if m := reTotalPages.FindStringSubmatch(foldWidth(doc.Text())); m != nil {
		return atoi(m[1] + m[2])
	}
	return 0
}
