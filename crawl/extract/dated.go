package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// A datedLink is one list entry found by the dated-link detection: an
// element holding exactly one destination link and one date.
type datedLink struct {
	item   *html.Node
	parent *html.Node
	ListItem
}

// moreTexts are link texts that lead to a whole column, not an item.
var moreTexts = map[string]bool{
	"更多": true, "更多>>": true, "更多>": true, "more": true, "more>>": true, "more>": true,
	">>": true, "+": true, "更多+": true, "查看更多": true, "[更多]": true, "更多»": true,
}

func isMoreLink(a *html.Node) bool {
	t := strings.ToLower(squash(foldWidth(nodeText(a))))
	return moreTexts[t]
}

// itemLinks returns the distinct destination links of an element: the
// element itself when it is a link, else its descendant links.
func itemLinks(n *html.Node, base *url.URL) []*html.Node {
	return itemLinksUpTo(n, base, 0)
}

// itemLinksUpTo is itemLinks that stops once it has found more than limit
// distinct links (limit 0: no limit), for callers that only need to know
// there are too many: a list container holds hundreds, and resolving each
// of them at every level of the page is most of finding a list.
func itemLinksUpTo(n *html.Node, base *url.URL, limit int) []*html.Node {
	var links []*html.Node
	var urls []string
	seen := map[string]bool{}
	add := func(a *html.Node) bool {
		u := resolve(base, attr(a, "href"))
		if u == "" || isMoreLink(a) {
			return true
		}
		if !seen[u] {
			seen[u] = true
			links = append(links, a)
			urls = append(urls, u)
			return limit == 0 || len(links) <= limit
		}
		// The same item linked twice (picture and title): keep the link with
		// the longer title.
		for i, l := range links {
			if urls[i] == u && len(linkTitle(a)) > len(linkTitle(l)) {
				links[i] = a
			}
		}
		return true
	}
	if isElem(n, "a") {
		add(n)
		return links
	}
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == "a" && attr(c, "href") != "" && !add(c) {
			break
		}
	}
	return links
}

// maxDateText bounds the text a date may hide in inside a link, so a title
// that mentions a date ("关于2026年3月5日停电的通知") is not taken for the
// item's date.
const maxDateText = 24

// itemDate finds the date of an item holding link a: first in the text
// outside the link, then in a short element of its own inside the link.
func itemDate(item, a *html.Node, ref time.Time) (Date, bool) {
	var outside []string
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
		}
		if n.Type == html.TextNode && !inLink {
			if t := clean(n.Data); t != "" {
				outside = append(outside, t)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || n == a || isElem(n, "a"))
		}
	}
	if item != a {
		walk(item, false)
	}
	for _, t := range outside {
		if d := ParseDate(t, ref); d.OK {
			return d, true
		}
	}
	if len(outside) > 1 {
		if d := ParseDate(strings.Join(outside, " "), ref); d.OK {
			return d, true
		}
	}
	for c := range a.Descendants() {
		if c.Type != html.ElementNode || c.FirstChild == nil {
			continue
		}
		t := clean(nodeText(c))
		if t == "" || utf8.RuneCountInString(t) > maxDateText {
			continue
		}
		if d := ParseDate(t, ref); d.OK {
			return d, true
		}
	}
	// A date written as plain text at the edge of the link's own text,
	// apart from the title: "应急通知 2026-09-04".
	if m := reEdgeDate.FindStringSubmatch(clean(nodeText(a))); m != nil {
		if d := ParseDate(m[1]+m[2], ref); d.OK {
			return d, true
		}
	}
	return Date{}, false
}

// reEdgeDate finds a full date that opens or closes a text, set off by a
// space or brackets.
var reEdgeDate = regexp.MustCompile(`^[(（\[【]?(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[)）\]】]?\s|[\s(（\[【](\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[)）\]】]?$`)

// datedItem reports whether n holds exactly one link and a date, and
// returns it as a list item.
func datedItem(n *html.Node, base *url.URL, ref time.Time) (ListItem, bool) {
	links := itemLinksUpTo(n, base, 1)
	if len(links) != 1 {
		return ListItem{}, false
	}
	a := links[0]
	d, ok := itemDate(n, a, ref)
	if !ok {
		return ListItem{}, false
	}
	title := linkTitle(a)
	if title == "" {
		return ListItem{}, false
	}
	// The date shown inside the link text is not part of the title.
	if strings.HasSuffix(title, d.Raw) && title != d.Raw && isElem(n, "a") {
		title = strings.TrimSpace(strings.TrimSuffix(title, d.Raw))
	}
	return ListItem{URL: resolve(base, attr(a, "href")), Title: title, Date: d}, true
}

// datedLinks walks the page outside its chrome and returns every element
// that is a dated item, with the parent whose children it belongs to.
func datedLinks(root *html.Node, base *url.URL, ref time.Time) []datedLink {
	var out []datedLink
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if isNoise(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isNoise(c) {
				continue
			}
			if it, ok := datedItem(c, base, ref); ok {
				out = append(out, datedLink{item: c, parent: n, ListItem: it})
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return out
}

// largestGroup picks the list: the largest set of dated items that are
// sibling elements of the same tag. Ties go to the first in the page.
func largestGroup(links []datedLink) []ListItem {
	type key struct {
		parent *html.Node
		tag    string
	}
	count := map[key]int{}
	var order []key
	for _, l := range links {
		k := key{l.parent, l.item.Data}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	var best key
	for _, k := range order {
		if count[k] > count[best] {
			best = k
		}
	}
	var items []ListItem
	for _, l := range links {
		if (key{l.parent, l.item.Data}) == best {
			items = append(items, l.ListItem)
		}
	}
	return items
}

func newestDatedLink(pageURL, body string, ref time.Time) (ListItem, bool) {
	doc := parseHTML(body)
	limit := ref.Add(24 * time.Hour)
	var best ListItem
	found := false
	for _, l := range datedLinks(doc.Get(0), parseBase(pageURL), ref) {
		// A date in the future is a typo or an event date, not an update.
		if !ref.IsZero() && l.Date.Time.After(limit) {
			continue
		}
		if !found || l.Date.Time.After(best.Date.Time) {
			best, found = l.ListItem, true
		}
	}
	return best, found
}
