package extract

import (
	"bytes"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// emptyNotices are the words a list page uses to say it lists nothing.
var emptyNotices = []string{"暂无信息", "暂无数据", "暂无记录", "暂无内容", "没有记录", "没有数据", "暂无相关", "没有找到相关",
	"没有相关信息", "无相关信息", "暂无文章", "暂无公开信息", "查询结果为空", "无相关记录", "暂无留言", "暂无信件"}

// zeroTotal matches a data total of zero: a Hanweb <totalrecord>0</totalrecord>
// or a JSON total field written as 0.
var zeroTotal = regexp.MustCompile(`(?i)<totalrecord>\s*0\s*</totalrecord>|"(?:total|totalCount|totalRecord|totalRecords|totalElements|recordCount|totalNum|count)"\s*:\s*"?0"?\s*[,}]`)

// SaysEmpty reports whether a list page or API answer says, in words or in
// its data, that the list is empty. Words inside scripts, navigation and
// other chrome do not count.
func SaysEmpty(body string) bool {
	if zeroTotal.MatchString(body) {
		return true
	}
	t := strings.TrimSpace(body)
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "<?xml") {
		return false
	}
	found := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found || isNoise(n) {
			return
		}
		if n.Type == html.TextNode {
			s := clean(n.Data)
			for _, w := range emptyNotices {
				if strings.Contains(s, w) {
					found = true
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(parseHTML(body).Get(0))
	return found
}

// PageLinks returns the absolute URLs of every link on a page, chrome
// included, without repeats: the crawler compares a column's items with the
// links of the unit's other pages to tell a list from the site's chrome.
func PageLinks(pageURL, body string) []string {
	base := parseBase(pageURL)
	doc := parseHTML(body)
	seen := map[string]bool{}
	var out []string
	for _, a := range findAll(doc.Get(0), func(n *html.Node) bool { return isElem(n, "a") }) {
		href := strings.TrimSpace(attr(a, "href"))
		if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
			continue
		}
		u := resolve(base, href)
		if u == "" || seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}

// PinnedRows counts the rows at the top of a newest-first list that are out
// of date order: each is older than some row below it, as a pinned (置顶)
// row is. Rows without a date end the count.
func PinnedRows(items []ListItem) int {
	n := 0
	for i, it := range items {
		if !it.Date.OK {
			break
		}
		var newestBelow time.Time
		for _, b := range items[i+1:] {
			if b.Date.OK && b.Date.Time.After(newestBelow) {
				newestBelow = b.Date.Time
			}
		}
		if !it.Date.Time.Before(newestBelow) {
			break
		}
		n++
	}
	return n
}

// CountDatedRows counts the table rows and list entries of a page, outside
// its chrome, whose text carries a full date: on a mailbox page with dated
// rows and no letter read, the rows were not recognised.
func CountDatedRows(body string, ref time.Time) int {
	doc := parseHTML(body)
	n := 0
	for _, row := range findAll(doc.Get(0), func(n *html.Node) bool { return isElem(n, "tr", "li") && !inNoise(n) }) {
		if hasElemChild(row, "tr", "li") {
			continue
		}
		t := clean(nodeText(row))
		if reFullDate.MatchString(t) {
			if d := ParseDate(t, ref); d.OK {
				n++
			}
		}
	}
	return n
}

var reFullDate = regexp.MustCompile(`(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}`)

func hasElemChild(n *html.Node, tags ...string) bool {
	for c := range n.Descendants() {
		if c != n && isElem(c, tags...) {
			return true
		}
	}
	return false
}

// Undecodable reports whether a body decoded as encoding (a name Decode
// returns) came out mostly as replacement characters: the bytes are not in
// that encoding (a binary file, a page in an unknown one), and reading it
// would give an empty or garbled list rather than a failure.
func Undecodable(body []byte, text, encoding string) bool {
	bad := 0
	if encoding == encUTF8 {
		for i := 0; i < len(body); {
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n <= 1 {
				bad++
			}
			i += max(n, 1)
		}
	} else {
		bad = strings.Count(text, "\uFFFD") - bytes.Count(body, []byte("\xef\xbf\xbd"))
	}
	runes := utf8.RuneCountInString(text)
	return bad >= 64 && bad*20 > runes
}
