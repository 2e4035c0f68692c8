package extract

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// htmlList extracts a TRS, generic or auto list page. The families differ
// only in where pagination is usually found; every HTML page is checked for
// every pager. st carries what earlier pages of the column showed (nil for
// a page read on its own): links they listed are chrome or already read,
// and the block that held their list is looked for again.
func htmlList(p Profile, req Request, body string, ref time.Time, st *columnState) (ListResult, error) {
	if err := checkSelectors(p); err != nil {
		return ListResult{}, err
	}
	doc := parseHTML(body)
	base := parseBase(req.URL)
	var res ListResult
	if p.Item != "" {
		res.Items = selectorItems(p, doc, base, ref)
	} else {
		groups := listGroups(doc.Get(0), base, ref)
		var earlier, known map[string]bool
		want := ""
		if st != nil {
			if st.self == nil {
				st.self = map[string]bool{}
			}
			earlier, known, want = st.rowURLs, st.self, st.path
		}
		self := selfLinks(doc.Get(0), req.URL, known)
		rows, candidates := chooseGroup(groups, earlier, self, want, pageDir(req.URL), func() []*html.Node { return columnHeadings(doc.Get(0)) })
		res.Items = rowItems(rows)
		if len(rows) > 0 {
			res.Recognised = "html:" + rows[0].node.Data
		}
		if st != nil {
			st.pagePath, st.candidates = groupPath(groups, rows), candidates
			if st.path == "" {
				st.path = st.pagePath
			}
			for _, g := range groups {
				for _, r := range g.rows {
					st.pageURLs = append(st.pageURLs, r.URL)
				}
			}
		}
	}
	if p.Item == "" && mentionsEmpty(body) && emptyRow(doc.Get(0)) {
		// The list says it is empty; what else is dated on the page is chrome.
		res.Items, res.Recognised, res.EmptyRow = nil, "", true
	}
	pi := htmlPager(p, doc, body, req)
	res.TotalPages, res.TotalRecords = pi.totalPages, pi.totalRecords
	res.PagerSeen, res.LastPage = pi.seen, pi.last
	if pi.next != nil {
		res.Next = []Request{*pi.next}
	}
	if templatePaging(p) {
		// The profile names the pages; read on while each page adds items.
		res.Next, res.PagerSeen = nil, true
		if len(res.Items) > 0 {
			res.Next = []Request{pageRequest(p, req.URL, req.Page+1)}
		}
	}
	if pi.kind == "trs:createPageHTML" {
		res.Recognised = pi.kind
	} else if pi.kind == "html:form" && res.Recognised != "" {
		res.Recognised += " form"
	}
	if len(res.Items) == 0 {
		res.EmptyNotice = emptyNotice(nodeText(doc.Get(0)))
	}
	return res, nil
}

// selectorItems extracts the items a custom profile names by selectors.
// Empty Link, Title and Date selectors fall back to the detection rules
// inside each item.
func selectorItems(p Profile, doc *goquery.Document, base *url.URL, ref time.Time) []ListItem {
	var items []ListItem
	doc.Find(p.Item).Each(func(_ int, s *goquery.Selection) {
		var a *html.Node
		if p.Link != "" {
			if l := s.Find(p.Link).First(); l.Length() > 0 {
				a = l.Get(0)
			}
			if a != nil && !isElem(a, "a") {
				if inner := goquery.NewDocumentFromNode(a).Find("a[href]").First(); inner.Length() > 0 {
					a = inner.Get(0)
				}
			}
		} else if links := itemLinks(s.Get(0), base); len(links) > 0 {
			a = links[0]
		}
		if a == nil {
			return
		}
		it := ListItem{URL: resolve(base, attr(a, "href"))}
		if it.URL == "" {
			return
		}
		it.Title = linkTitle(a)
		if p.Title != "" {
			if t := s.Find(p.Title).First(); t.Length() > 0 {
				if v := clean(t.AttrOr("title", "")); v != "" {
					it.Title = v
				} else {
					it.Title = clean(t.Text())
				}
			}
		}
		if p.Date != "" {
			raw := clean(s.Find(p.Date).First().Text())
			it.Date = parseDateAs(raw, p.DateFormat, ref)
		} else if d, ok := itemDate(s.Get(0), a, ref); ok {
			it.Date = d
		}
		items = append(items, it)
	})
	return items
}

// nextTexts are the texts of "next page" links.
var nextTexts = map[string]bool{
	"下一页": true, "下页": true, "后一页": true, "后页": true, ">": true, "›": true,
	"下一页>": true, "下一页>>": true, "下一页»": true, "下页>": true, "next": true, "next>": true,
	"nextpage": true,
}

// nextLink finds the next page link: the profile's Next selector, else a
// link reading 下一页 (or 下页, >, next). A link back to the page itself, as
// some last pages have, does not count.
func nextLink(p Profile, doc *goquery.Document, base *url.URL, req Request) string {
	current := resolve(nil, req.URL)
	var found string
	check := func(n *html.Node) bool {
		u := resolve(base, attr(n, "href"))
		if u == "" || u == current {
			return false
		}
		found = u
		return true
	}
	if p.Next != "" {
		doc.Find(p.Next).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			n := s.Get(0)
			if !isElem(n, "a") {
				if inner := s.Find("a[href]").First(); inner.Length() > 0 {
					n = inner.Get(0)
				}
			}
			return !check(n)
		})
		return found
	}
	for _, a := range findAll(doc.Get(0), func(n *html.Node) bool { return n.Data == "a" }) {
		text := strings.ToLower(squash(foldWidth(nodeText(a))))
		title := squash(attr(a, "title"))
		if (nextTexts[text] || title == "下一页" || (text == "" && hasClass(a, "next"))) && check(a) {
			return found
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

// checkSelectors rejects a profile whose selectors do not compile, so a
// typo in the configuration is an error rather than an empty column.
func checkSelectors(p Profile) error {
	for _, f := range []struct{ name, sel string }{
		{"item", p.Item}, {"link", p.Link}, {"title", p.Title}, {"date", p.Date}, {"next", p.Next},
	} {
		if f.sel == "" {
			continue
		}
		if _, err := cascadia.Compile(f.sel); err != nil {
			return fmt.Errorf("profile %s: %s selector %q: %w", p.Name, f.name, f.sel, err)
		}
	}
	return nil
}
