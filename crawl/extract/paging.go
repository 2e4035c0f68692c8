package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

var (
	// createPageHTML(12, 0, "index", "html"); the first two arguments may be
	// variables (var countPage = 12).
	reCreatePage = regexp.MustCompile(`createPageHTML\s*\(\s*([A-Za-z_$][\w$]*|\d+)\s*,\s*([A-Za-z_$][\w$]*|\d+)\s*(?:,\s*["']([^"']*)["']\s*(?:,\s*["']([^"']*)["'])?)?`)
	// "共 9 页" or "第 1/4 页".
	reTotalPages = regexp.MustCompile(`共\s*(\d{1,6})\s*页|第\s*\d{1,6}\s*/\s*(\d{1,6})\s*页`)
)

// trsPage is the paging of a TRS WCM static column.
type trsPage struct {
	total, current int // current is 0-based, as in the script
	prefix, ext    string
}

// trsPaging reads the createPageHTML call of a TRS page.
func trsPaging(body string) (trsPage, bool) {
	for _, idx := range reCreatePage.FindAllStringSubmatchIndex(body, -1) {
		// Pages that inline the pager script also hold its definition.
		if strings.HasSuffix(strings.TrimRight(body[:idx[0]], " \t\r\n"), "function") {
			continue
		}
		m := make([]string, 5)
		for g := range m {
			if idx[2*g] >= 0 {
				m[g] = body[idx[2*g]:idx[2*g+1]]
			}
		}
		total, ok := jsInt(body, m[1])
		if !ok || total < 0 {
			continue
		}
		current, ok := jsInt(body, m[2])
		if !ok {
			current = 0
		}
		return newTRSPage(total, current, m[3], m[4]), true
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

// next is the request for the page after the current one: page k (0-based)
// is prefix_k.ext in the column directory, page 0 is prefix.ext.
func (pg trsPage) next(req Request) (Request, bool) {
	if pg.current+1 >= pg.total || pg.current < 0 {
		return Request{}, false
	}
	dir := columnDir(req.URL)
	if dir == nil {
		return Request{}, false
	}
	name := pg.prefix + "_" + strconv.Itoa(pg.current+1) + "." + pg.ext
	u := dir.ResolveReference(&url.URL{Path: name})
	return Request{Method: "GET", URL: u.String(), Page: pg.current + 2}, true
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
