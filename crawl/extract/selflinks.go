package extract

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/canon"
)

// listPageKey is the spelling under which two links to one list page
// compare equal: the canonical URL, with a directory's index file ("/jgsz/"
// and "/jgsz/index.html" are one page) written as the directory.
func listPageKey(raw string) string {
	c, err := canon.URL(raw)
	if err != nil {
		return raw
	}
	q := ""
	if i := strings.IndexByte(c, '?'); i >= 0 {
		c, q = c[:i], c[i:]
	}
	if i := strings.LastIndexByte(c, '/'); i >= 0 {
		name := strings.ToLower(c[i+1:])
		if dot := strings.IndexByte(name, '.'); dot > 0 && (name[:dot] == "index" || name[:dot] == "default") {
			c = c[:i+1]
		}
	}
	return c + q
}

// selfLinks are the keys of the column's own list pages as far as one page
// shows them: the page itself, the pages the column read before (known),
// and every link of the page's pager (首页, 尾页, page numbers, 下一页). A
// link to one of them is never an item, wherever it sits: a breadcrumb, a
// "当前栏目" box or a heading beside a one-row list would otherwise be read
// as a row of the list.
func selfLinks(root *html.Node, pageURL string, known map[string]bool) map[string]bool {
	self := make(map[string]bool, len(known)+4)
	for k := range known {
		self[k] = true
	}
	self[listPageKey(pageURL)] = true
	base := parseBase(pageURL)
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || n.Data != "a" {
			continue
		}
		href := attr(n, "href")
		if href == "" {
			continue
		}
		if t := strings.TrimSpace(nodeText(n)); t == "" || !pagerWord(t) {
			continue
		}
		if u := resolve(base, href); u != "" {
			self[listPageKey(u)] = true
		}
	}
	return self
}
