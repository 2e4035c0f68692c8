package extract

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// A row is one candidate list entry: an element whose links come down to
// one main link (a title), perhaps beside a few short ones (a category tag,
// "附件"), with or without a date.
type row struct {
	node *html.Node
	ListItem
	dated bool
}

// A group is a set of rows that are sibling elements of one tag: the shape
// every list takes, whatever the element (li, div, p, tr, dl, dd, table).
type group struct {
	parent *html.Node
	tag    string
	rows   []row
	path   string // where the group sits, to find it again on later pages
}

// maxRowLinks bounds the links a row may hold: a title, and a few minor
// links beside it. A block with more is a container, not a row.
const maxRowLinks = 3

// minorTitle is the longest text of a link that may sit beside a row's
// title without making the row a container ("[通知公告]", "附件", "PDF").
const minorTitle = 8

// rowOf reads n as a row, or reports that it is not one.
func rowOf(n *html.Node, base *url.URL, ref time.Time) (row, bool) {
	links := itemLinksUpTo(n, base, maxRowLinks)
	if len(links) == 0 || len(links) > maxRowLinks {
		return row{}, false
	}
	main, title := links[0], linkTitle(links[0])
	if len(links) > 1 {
		titles := make([]string, len(links))
		mainLen := -1
		for i, a := range links {
			titles[i] = linkTitle(a)
			if l := utf8.RuneCountInString(titles[i]); l > mainLen {
				main, title, mainLen = a, titles[i], l
			}
		}
		for i, a := range links {
			if a == main {
				continue
			}
			if l := utf8.RuneCountInString(titles[i]); l > minorTitle || 2*l > mainLen {
				return row{}, false
			}
		}
	}
	if title == "" || pagerWord(title) {
		return row{}, false
	}
	r := row{node: n, ListItem: ListItem{URL: resolve(base, attr(main, "href")), Title: title}}
	if d, ok := itemDate(n, main, ref); ok {
		r.Date, r.dated = d, true
		// A date written inside the link is not part of the title.
		text := clean(nodeText(main))
		if text != d.Raw && (strings.HasSuffix(text, d.Raw) || strings.HasPrefix(text, d.Raw)) {
			text = trimDateBrackets(strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(text, d.Raw), d.Raw)))
			r.Title = titleOver(main, text)
		}
	}
	return r, true
}

// trimDateBrackets removes the empty brackets a date leaves behind when it
// was written "(2026-03-05)" inside the link.
func trimDateBrackets(t string) string {
	for _, b := range []string{"()", "（）", "[]", "【】"} {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(t, b), b))
	}
	return t
}

// listGroups finds every group of rows on a page outside its chrome. A row
// is not searched further: what is inside one entry is not a list.
func listGroups(root *html.Node, base *url.URL, ref time.Time) []*group {
	type key struct {
		parent *html.Node
		tag    string
	}
	index := map[key]*group{}
	var out []*group
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if isNoise(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isNoise(c) {
				continue
			}
			if r, ok := rowOf(c, base, ref); ok {
				k := key{n, c.Data}
				g := index[k]
				if g == nil {
					g = &group{parent: n, tag: c.Data}
					index[k] = g
					out = append(out, g)
				}
				g.rows = append(g.rows, r)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, g := range out {
		g.path = nodePath(g.parent) + ">" + g.tag
		siblingDates(g, ref)
	}
	return out
}

// siblingDates dates the undated rows of a group from the element right
// after each row when that element holds a date and no link: <dt><a></dt>
// <dd>2026-03-05</dd>, or a date cell beside a layout table.
func siblingDates(g *group, ref time.Time) {
	for i := range g.rows {
		r := &g.rows[i]
		if r.dated {
			continue
		}
		s := r.node.NextSibling
		for s != nil && s.Type != html.ElementNode {
			s = s.NextSibling
		}
		if s == nil || s.Data == r.node.Data || len(findAll(s, func(n *html.Node) bool { return n.Data == "a" })) > 0 {
			continue
		}
		t := clean(nodeText(s))
		if t == "" || utf8.RuneCountInString(t) > maxDateText {
			continue
		}
		if d := ParseDate(t, ref); d.OK {
			r.Date, r.dated = d, true
		}
	}
}

// nodePath names where n sits: tags with their ids and classes from the
// root, so that the same block on the next page of a column has the same
// path.
func nodePath(n *html.Node) string {
	var parts []string
	for p := n; p != nil && p.Type == html.ElementNode; p = p.Parent {
		s := p.Data
		if id := attr(p, "id"); id != "" {
			s += "#" + id
		}
		if c := attr(p, "class"); c != "" {
			s += "." + strings.Join(strings.Fields(c), ".")
		}
		parts = append(parts, s)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ">")
}

// chooseGroup picks the list among a page's groups. Links listed on an
// earlier page of the column are dropped first (chrome repeats on every
// page; a list moves on), then each group is weighed by its rows, dated
// rows counting more, discounted when its titles are as short as menu
// entries, and counted three times when it is dated and most of its links
// lie under the column's own directory (a column's items sit below it;
// the site's 热点 and 最新 boxes link elsewhere; menus of sub-columns are
// undated); failing that, counted three times when it is the one dated
// group inside the box whose heading names the column (see
// columnHeadings). Links to the column's own list pages (self) are never
// rows.
// The block where the list was found on
// earlier pages wins when it still holds new rows. Rows of one URL are
// one item (PC and mobile anchors of one entry, a picture and its
// caption). It also says how many groups could have been the list.
func chooseGroup(groups []*group, earlier, self map[string]bool, wantPath, dir string, headings func() []*html.Node) (best []row, candidates int) {
	type cand struct {
		g     *group
		rows  []row
		score float64
		dated bool
	}
	var cs []cand
	byDir := false
	for _, g := range groups {
		var rows []row
		have := map[string]bool{}
		for _, r := range g.rows {
			if earlier[r.URL] || have[r.URL] || isSelf(self, r.URL) {
				continue
			}
			have[r.URL] = true
			rows = append(rows, r)
		}
		if len(rows) == 0 {
			continue
		}
		c := cand{g: g, rows: rows, score: groupScore(rows), dated: mostlyDated(rows)}
		if c.score > 0 {
			candidates++
			if dir != "" && c.dated && underDir(rows, dir) {
				c.score *= 3
				byDir = true
			}
		}
		cs = append(cs, c)
	}
	dated := 0
	for _, c := range cs {
		if c.score > 0 && c.dated {
			dated++
		}
	}
	if !byDir && dated > 1 && headings != nil {
		hs := headings()
		// The column's directory told nothing apart (its items link
		// elsewhere, as portals that keep every article under /art/ do):
		// the dated group that shares the deepest box with the heading
		// naming the column is its list, when one alone does.
		top, at, ties := -1, -1, 0
		for i, c := range cs {
			if c.score <= 0 || !c.dated {
				continue
			}
			switch d := headingDepth(c.g.parent, hs); {
			case d > top:
				top, at, ties = d, i, 0
			case d == top:
				ties++
			}
		}
		if len(hs) > 0 && at >= 0 && ties == 0 && top >= 0 {
			cs[at].score *= 3
		}
	}
	bestScore := 0.0
	for _, c := range cs {
		s := c.score
		if wantPath != "" && c.g.path == wantPath && s > 0 {
			s += 1000
		}
		if s > bestScore {
			best, bestScore = c.rows, s
		}
	}
	return best, candidates
}

// pageDir is the directory of a column page's URL, host included, or ""
// when the page sits at the site's root (everything is below it).
func pageDir(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		return ""
	}
	i := strings.LastIndex(u.Path, "/")
	if i <= 0 {
		return ""
	}
	return u.Host + u.Path[:i+1]
}

// mostlyDated reports whether at least half the rows carry a date.
func mostlyDated(rows []row) bool {
	n := 0
	for _, r := range rows {
		if r.dated {
			n++
		}
	}
	return 2*n >= len(rows)
}

// underDir reports whether most rows link below dir.
func underDir(rows []row, dir string) bool {
	if dir == "" {
		return false
	}
	n := 0
	for _, r := range rows {
		if u, err := url.Parse(r.URL); err == nil && strings.HasPrefix(u.Host+u.Path, dir) {
			n++
		}
	}
	return 2*n > len(rows)
}

// groupScore weighs a candidate list.
func groupScore(rows []row) float64 {
	dated, runes := 0, 0
	for _, r := range rows {
		if r.dated {
			dated++
		}
		runes += utf8.RuneCountInString(r.Title)
	}
	n := float64(len(rows))
	mean := float64(runes) / n
	w := 1.0
	if mean < 8 {
		w = 0.5
	}
	if 2*dated >= len(rows) {
		w *= 1.6
	} else if len(rows) < 3 || mean < 5 {
		return 0 // menus, pagers, tag clouds; a pair of undated links is anything
	}
	// A lone dated row is a list only where nothing better exists (the
	// last page holding one item).
	return n * w
}

// groupPath returns the path of the group that holds rows, "" if none.
func groupPath(groups []*group, rows []row) string {
	if len(rows) == 0 {
		return ""
	}
	for _, g := range groups {
		for _, r := range g.rows {
			if r.node == rows[0].node {
				return g.path
			}
		}
	}
	return ""
}

func rowItems(rows []row) []ListItem {
	items := make([]ListItem, 0, len(rows))
	for _, r := range rows {
		items = append(items, r.ListItem)
	}
	return items
}

// pagerWord reports whether a link text belongs to a pager (下一页, 尾页,
// a page number), which is never a list entry.
func pagerWord(t string) bool {
	t = strings.ToLower(squash(foldWidth(t)))
	if isNextText(t) || lastTexts[t] {
		return true
	}
	switch t {
	case "首页", "上一页", "上页", "前一页", "[首页]", "[上一页]", "<", "<<", "prev", "previous", "first":
		return true
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// bestRows picks the list among groups on a page read on its own.
func bestRows(groups []*group) []row {
	rows, _ := chooseGroup(groups, nil, nil, "", "", nil)
	return rows
}
