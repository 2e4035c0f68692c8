package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxHeading bounds the text of a column's name as a page writes it.
const maxHeading = 16

// columnHeadings finds the elements that name the column on its own page:
// the page's <title> names it in one of its parts ("政策文件_某某县人民政府",
// "某某县人民政府-政策文件"), and the list's box carries that name as a
// heading (h2, div.bt > span, …) that is not a link. The innermost
// element holding exactly that text is the heading.
func columnHeadings(root *html.Node) []*html.Node {
	names := titleParts(root)
	if len(names) == 0 {
		return nil
	}
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isNoise(c) || c.Data == "a" || c.Data == "title" {
				continue
			}
			t := clean(nodeText(c))
			if t == "" || utf8.RuneCountInString(t) > maxHeading {
				if t != "" {
					walk(c)
				}
				continue
			}
			if !names[t] || hasLink(c) {
				continue
			}
			before := len(out)
			walk(c)
			if len(out) == before {
				out = append(out, c)
			}
		}
	}
	walk(root)
	return out
}

// titleParts are the short parts of the page's <title>, split where
// titles join the column's name to the site's.
func titleParts(root *html.Node) map[string]bool {
	var title string
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == "title" {
			title = clean(nodeText(n))
			break
		}
	}
	parts := map[string]bool{}
	for _, p := range strings.FieldsFunc(title, func(r rune) bool {
		return strings.ContainsRune("_-|—–·:：>", r) || r == ' ' || r == '\u3000'
	}) {
		if l := utf8.RuneCountInString(p); l >= 2 && l <= maxHeading {
			parts[p] = true
		}
	}
	return parts
}

func hasLink(n *html.Node) bool {
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == "a" {
			return true
		}
	}
	return false
}

// headingDepth is how deep the nearest common ancestor of n and the
// column's nearest heading lies: the list sits in the box its heading
// names, a sidebar box beside it shares only the page's layout with it.
func headingDepth(n *html.Node, headings []*html.Node) int {
	best := -1
	for _, h := range headings {
		anc := map[*html.Node]bool{}
		for p := h; p != nil; p = p.Parent {
			anc[p] = true
		}
		for p := n; p != nil; p = p.Parent {
			if anc[p] {
				best = max(best, depth(p))
				break
			}
		}
	}
	return best
}

func depth(n *html.Node) int {
	d := 0
	for p := n.Parent; p != nil; p = p.Parent {
		d++
	}
	return d
}
