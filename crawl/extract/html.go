package extract

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// parseHTML parses a decoded page. The HTML parser never fails on malformed
// markup; an error is only possible from the reader, which is a string here.
func parseHTML(body string) *goquery.Document {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		doc = goquery.NewDocumentFromNode(&html.Node{Type: html.DocumentNode})
	}
	return doc
}

// noiseTokens mark page chrome by tag, id or class: navigation, headers,
// footers, breadcrumbs. Lists and links inside them are never content.
var noiseTokens = []string{"nav", "menu", "header", "footer", "foot", "crumb", "copyright", "topbar", "sitemap", "position", "logo", "bottom"}

// isNoise reports whether n is page chrome.
func isNoise(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "nav", "header", "footer", "script", "style", "noscript", "template", "head", "select", "option":
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		for _, tok := range strings.Fields(strings.ToLower(a.Val)) {
			for _, w := range noiseTokens {
				if strings.Contains(tok, w) {
					return true
				}
			}
		}
	}
	return false
}

// inNoise reports whether n or an ancestor is page chrome.
func inNoise(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if isNoise(p) {
			return true
		}
	}
	return false
}

// attr returns the value of attribute key of n.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText is the visible text of n, without scripts and styles.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br", "p", "div", "li", "tr", "td", "th", "dd", "dt":
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// resolve makes href absolute against base. It returns "" for links that
// lead nowhere (javascript:, mailto:, bare fragments, unparseable).
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	href = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	lower := strings.ToLower(href)
	for _, p := range []string{"javascript:", "mailto:", "tel:", "data:", "about:"} {
		if strings.HasPrefix(lower, p) {
			return ""
		}
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	u.Fragment = ""
	u.RawFragment = ""
	return u.String()
}

// parseBase parses a page URL; an unparseable one resolves nothing.
func parseBase(pageURL string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil {
		return nil
	}
	return u
}

// ellipses are the marks sites use when they cut a title to fit a list.
var ellipses = []string{"…", "...", "..", "。。。"}

// linkTitle is the full title of a list link: the title attribute when the
// visible text is empty or cut, the visible text otherwise.
func linkTitle(a *html.Node) string { return titleOver(a, clean(nodeText(a))) }

// titleOver is linkTitle over the visible text given: the link's text
// without a date it also shows.
func titleOver(a *html.Node, text string) string {
	title := clean(attr(a, "title"))
	if title == "" {
		return text
	}
	if text == "" {
		return title
	}
	stem := text
	for _, e := range ellipses {
		stem = strings.TrimSuffix(stem, e)
	}
	stem = strings.TrimSpace(stem)
	if stem != text || (len(title) > len(text) && strings.HasPrefix(title, stem)) {
		return title
	}
	return text
}

// findAll returns the element nodes under n for which keep is true, in
// document order.
func findAll(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && keep(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func isElem(n *html.Node, tags ...string) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	for _, t := range tags {
		if n.Data == t {
			return true
		}
	}
	return len(tags) == 0
}
