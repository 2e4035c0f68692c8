package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// metaPublished reads the publication date detail pages carry in meta tags
// (TRS writes PubDate, others pubdate or article:published_time), for a
// page without a 发布日期 label.
func metaPublished(doc *goquery.Document, ref time.Time) Date {
	for _, sel := range []string{`meta[name="PubDate"]`, `meta[name="pubdate"]`, `meta[name="publishdate"]`, `meta[name="PublishDate"]`,
		`meta[property="article:published_time"]`, `meta[name="firstpublishedtime"]`} {
		if v := strings.TrimSpace(doc.Find(sel).First().AttrOr("content", "")); v != "" {
			if d := ParseDate(v, ref); d.OK {
				return d
			}
		}
	}
	return Date{}
}

// signatureSuffixes end the name of an issuing body (落款).
var signatureSuffixes = []string{"人民政府", "政府", "办公室", "办公厅", "委员会", "局", "厅", "部", "院", "办", "中心", "街道办事处", "镇", "乡", "会", "委", "署", "处"}

// signatureDate reads the 成文日期 a policy's body closes with: a line
// that is only a date written 2026年3月2日, right after a line naming the
// issuing body. Both must be whole lines (p or div) outside the chrome, so
// that a date in a sentence or in the page's furniture is never taken.
func signatureDate(root *html.Node, ref time.Time) Date {
	var found Date
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || (n.Data != "p" && n.Data != "div") || n.FirstChild == nil {
			continue
		}
		raw, ok := shortText(n, 64)
		if !ok {
			continue
		}
		t := clean(raw)
		if t == "" || utf8.RuneCountInString(t) > 14 || !strings.Contains(t, "年") || !strings.HasSuffix(t, "日") {
			continue
		}
		d := ParseDate(t, ref)
		if !d.OK || strings.TrimSpace(strings.Trim(squash(t), "0123456789年月日〇一二三四五六七八九十")) != "" {
			continue
		}
		prev := n.PrevSibling
		for prev != nil && (prev.Type != html.ElementNode || clean(nodeText(prev)) == "") {
			prev = prev.PrevSibling
		}
		if prev == nil || inNoise(n) {
			continue
		}
		rawName, ok := shortText(prev, 160)
		name := squash(rawName)
		if !ok || utf8.RuneCountInString(name) > 40 {
			continue
		}
		for _, s := range signatureSuffixes {
			if strings.HasSuffix(name, s) {
				found = d // the last signature on the page closes the body
				break
			}
		}
	}
	return found
}

// shortText is the visible text of n when it is at most limit bytes, and
// false as soon as it is longer: most blocks of a page are, and building
// their whole text to find that out would read the page once per level.
func shortText(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return b.Len() <= limit
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	return b.String(), true
}
