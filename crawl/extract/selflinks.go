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

// selfLinks adds to self (a new set when nil) the keys of the column's
// own list pages as far as one page shows them: the page itself and every
// link of its pager (首页, 尾页, page numbers, 下一页). With the pages the
// column read before, already in self, they are never items, wherever
// they sit: a breadcrumb, a "当前栏目" box or a heading beside a one-row
// list would otherwise be read as a row of the list.
func selfLinks(root *html.Node, pageURL string, self map[string]bool) map[string]bool {
	if self == nil {
		self = map[string]bool{}
	}
	addSelf(self, pageURL)
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
			addSelf(self, u)
		}
	}
	return self
}

// addSelf records u as one of the column's list pages: its key, and its
// file name, which lets isSelf skip canonicalising the links of items.
func addSelf(self map[string]bool, u string) {
	self[listPageKey(u)] = true
	self[fileName(u)] = true
}

// isSelf reports whether u is one of the column's list pages.
func isSelf(self map[string]bool, u string) bool {
	return self != nil && self[fileName(u)] && self[listPageKey(u)]
}

// fileName is the last segment of a URL's path, "/" for a directory or
// its index file, marked so it never equals a key.
func fileName(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "://"); i >= 0 && !strings.Contains(u[i+3:], "/") {
		return "\x00" // a host alone is its root directory
	}
	name := strings.ToLower(u[strings.LastIndexByte(u, '/')+1:])
	if dot := strings.IndexByte(name, '.'); dot > 0 && (name[:dot] == "index" || name[:dot] == "default") {
		name = ""
	}
	return "\x00" + name
}
