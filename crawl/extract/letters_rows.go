package extract

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// letterGroup is a set of sibling rows read as letters, and how they were
// read: "table" (a header row names the columns), "labels" (each row
// labels its values: 来信时间：…), or "rows" (a link with a date or a status
// wording, by position).
type letterGroup struct {
	kind    string
	tag     string
	rank    int
	letters []Letter
	dated   int
}

// rowTags are the elements real mailboxes use for one letter.
var rowTags = map[string]bool{
	"tr": true, "li": true, "div": true, "dl": true, "p": true, "ul": true,
	"section": true, "article": true, "table": true, "dd": true, "a": true,
}

// bestLetterGroup finds the letters of a page and counts its dated rows.
// Among candidate groups the one read most surely wins (see the ranks),
// then the one with the most letters: a sidebar of five dated news links
// must not beat the three letters of a mailbox's last page.
func bestLetterGroup(root *html.Node, base *url.URL, ref time.Time) (*letterGroup, int) {
	var best *letterGroup
	dated := 0
	consider := func(g *letterGroup) {
		if g == nil {
			return
		}
		dated = max(dated, g.dated)
		if len(g.letters) == 0 {
			return
		}
		if best == nil || g.rank > best.rank || (g.rank == best.rank && len(g.letters) > len(best.letters)) {
			best = g
		}
	}
	for _, table := range findAll(root, func(n *html.Node) bool { return n.Data == "table" && !inNoise(n) }) {
		if letters, ok := letterTable(table, base, ref); ok {
			consider(&letterGroup{kind: "table(tr)", tag: "tr", rank: rankTable, letters: letters, dated: countDated(rowsOf(table), ref)})
		}
	}
	for _, grp := range siblingGroups(root) {
		consider(readGroup(grp, base, ref, false))
	}
	return best, dated
}

// Ranks of a group, by how surely its rows are letters: a header or labels
// name the values; a status wording is a letter's; a link with a date
// alone may as well be a sidebar of news.
const (
	rankRows = iota + 1
	rankStatus
	rankLabels
	rankTable
)

// sideTokens mark, by id or class, the blocks beside a mailbox's list
// (最新动态, 热点信件, 相关链接) whose dated links are not letters.
var sideTokens = []string{"side", "aside", "hot", "rank", "recommend", "related", "friend", "links", "right"}

func isSide(n *html.Node) bool {
	if n.Data == "aside" {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		// By word: "hotnews" and "side-bar" are beside the list, "photo"
		// is not.
		for _, part := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
			for _, w := range sideTokens {
				if strings.HasPrefix(part, w) {
					return true
				}
			}
		}
	}
	return false
}

// siblingGroups lists, outside the page's chrome, every run of sibling
// elements of one row tag under one parent.
func siblingGroups(root *html.Node) [][]*html.Node {
	var out [][]*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if isNoise(n) || isSide(n) {
			return
		}
		byTag := map[string][]*html.Node{}
		var order []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isNoise(c) || isSide(c) || !rowTags[c.Data] {
				continue
			}
			if byTag[c.Data] == nil {
				order = append(order, c.Data)
			}
			byTag[c.Data] = append(byTag[c.Data], c)
		}
		for _, t := range order {
			out = append(out, byTag[t])
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(root)
	return out
}

// countDated counts the rows holding a date anywhere in their text.
func countDated(rows []*html.Node, ref time.Time) int {
	n := 0
	for _, r := range rows {
		for _, s := range segments(r) {
			if ParseDate(s.text, ref).OK {
				n++
				break
			}
		}
	}
	return n
}

// rowCells are the cells of a row that is not a table row: its element
// children, looking through wrappers that hold a single element.
func rowCells(row *html.Node) []*html.Node {
	if isElem(row, "tr") {
		return cellsOf(row)
	}
	n := row
	for {
		var only *html.Node
		count := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				only = c
				count++
			} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				count += 2
			}
		}
		if count != 1 || (isElem(only, "a") && !wrapsCells(only)) {
			break
		}
		n = only
	}
	var cells []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data != "script" && c.Data != "style" {
			cells = append(cells, c)
		}
	}
	return cells
}

// headerColumns maps the cells of a header row to letter column keys; ok
// when the row names a title column and at least one other.
func headerColumns(cells []*html.Node) (map[int]string, map[string]bool, bool) {
	cols := map[int]string{}
	keys := map[string]bool{}
	for i, c := range cells {
		if k := headerKey(nodeText(c)); k != "" && !keys[k] {
			cols[i], keys[k] = k, true
		}
	}
	return cols, keys, keys["title"] && len(keys) >= 2
}

// readGroup reads a run of sibling rows as letters. A header is the first
// row, or the element just before the first row or before its parent.
//
// named says the rows were named by a profile's selector: then a row with
// a title and a link is a letter even without a date or status, as on
// lists that show titles only.
func readGroup(rows []*html.Node, base *url.URL, ref time.Time, named bool) *letterGroup {
	g := &letterGroup{tag: rows[0].Data}
	var cols map[int]string
	var keys map[string]bool
	for _, h := range []*html.Node{rows[0], prevElem(rows[0]), prevElem(rows[0].Parent)} {
		if h == nil || isElem(h, "table") {
			continue
		}
		if c, k, ok := headerColumns(rowCells(h)); ok {
			cols, keys = c, k
			if h == rows[0] {
				rows = rows[1:]
			}
			break
		}
	}
	if len(rows) == 0 || (cols != nil && isElem(rows[0], "tr")) {
		return nil // a table with a header is read by letterTable
	}
	g.dated = countDated(rows, ref)
	labelled, withStatus := 0, 0
	for _, row := range rows {
		if len(itemLinksUpTo(row, base, maxRowLinks)) > maxRowLinks {
			g.letters = nil
			return g
		}
		l, labels, ok := rowLetter(row, cols, keys, base, ref, named)
		if !ok {
			continue
		}
		if labels {
			labelled++
		}
		if l.StatusRaw != "" {
			withStatus++
		}
		g.letters = append(g.letters, l)
	}
	switch {
	case cols != nil:
		g.kind, g.rank = "table", rankTable
	case labelled > 0 && labelled*2 >= len(g.letters):
		g.kind, g.rank = "labels", rankLabels
	case withStatus > 0 && withStatus*2 >= len(g.letters):
		g.kind, g.rank = "rows", rankStatus
	default:
		g.kind, g.rank = "rows", rankRows
	}
	g.kind += "(" + g.tag + ")"
	return g
}

func prevElem(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
	}
	return nil
}

// rowLetter reads one row. A row is a letter when it has a title and at
// least one of: a date, a status wording, a labelled letter value.
func rowLetter(row *html.Node, cols map[int]string, keys map[string]bool, base *url.URL, ref time.Time, named bool) (Letter, bool, bool) {
	var l Letter
	var received, replied, status, handler, reply string
	var hasReceived, hasReplied, hasHandler, hasReply bool
	var titleLink *html.Node
	cellTitle := false
	if cols != nil {
		for i, c := range rowCells(row) {
			text := clean(nodeText(c))
			switch cols[i] {
			case "no":
				l.No = text
			case "title":
				// A cut title's full text may be on the cell itself.
				l.Title = titleOver(c, text)
				if links := itemLinks(c, base); len(links) > 0 {
					titleLink = links[0]
				} else if a := linkAround(c, row); a != nil {
					// The whole row is one link: its text is every cell,
					// so the title is the cell's (or the link's title).
					titleLink, cellTitle = a, true
				}
			case "type":
				l.TypeRaw = text
			case "received":
				received = text
			case "status":
				status = text
			case "handler":
				handler = text
			case "replied":
				replied = text
			}
		}
		hasReceived, hasReplied, hasHandler = keys["received"], keys["replied"], keys["handler"]
	}
	found := letterLabels.scan(segments(row))
	labelled := false
	pick := func(key string, dst *string, has *bool) {
		if v, ok := first(found, key); ok {
			labelled = true
			if *dst == "" {
				*dst = v
			}
			if has != nil {
				*has = true
			}
		}
	}
	var no, title, typ string
	pick("no", &no, nil)
	pick("title", &title, nil)
	pick("type", &typ, nil)
	pick("received", &received, &hasReceived)
	pick("status", &status, nil)
	pick("handler", &handler, &hasHandler)
	pick("replied", &replied, &hasReplied)
	pick("reply", &reply, &hasReply)
	if l.No == "" {
		l.No = no
	}
	if l.TypeRaw == "" {
		l.TypeRaw = typ
	}
	if titleLink == nil {
		titleLink = rowTitleLink(row, base)
	}
	if titleLink != nil {
		l.DetailURL = resolve(base, attr(titleLink, "href"))
		t := linkTitle(titleLink)
		if cellTitle {
			t = clean(attr(titleLink, "title"))
		}
		if isActionLink(t) {
			t = ""
		}
		if t != "" && (l.Title == "" || strings.HasPrefix(t, strings.TrimRight(l.Title, ".…"))) {
			l.Title = t
		}
	}
	if l.Title == "" {
		l.Title = title
	}
	if l.Title == "" && titleLink != nil {
		l.Title = rowTitleText(row, titleLink, ref)
	}
	if l.Title == "" {
		return Letter{}, false, false
	}
	// Values no header or label named: dates in row order (来信 before
	// 回复) and a cell that is a status wording, outside the title link.
	needDates := received == "" && !hasReceived
	if needDates || status == "" {
		var dates []string
		for _, s := range segments(row) {
			inTitle := titleLink != nil && within(s.node, titleLink)
			if inTitle && utf8.RuneCountInString(s.text) > maxDateText {
				continue
			}
			if letterLabels.matchStart(s.text) != nil {
				continue
			}
			t := strings.Trim(s.raw, "[]【】()（） ")
			if !inTitle && status == "" && utf8.RuneCountInString(t) <= 8 && normalizeStatus(t) != StatusUnknown {
				status = t
				continue
			}
			if !needDates {
				continue
			}
			if d := ParseDate(s.text, ref); d.OK && !strings.Contains(l.Title, strings.TrimSpace(d.Raw)) {
				dates = append(dates, s.raw)
			}
		}
		if needDates && len(dates) > 0 {
			received, hasReceived = dates[0], true
			if replied == "" && !hasReplied && len(dates) > 1 {
				replied, hasReplied = dates[1], true
			}
		}
	}
	l.StatusRaw = status
	l.Handler = handler
	if received != "" {
		l.Received = ParseDate(received, ref)
	}
	if replied != "" {
		l.Replied = ParseDate(replied, ref)
	}
	l.HasReplyContent = hasReply && hasContent(reply)
	l.Type = letterType(l.TypeRaw)
	l.Status = normalizeStatus(l.StatusRaw)
	l.ShowsHandler = shown(hasHandler, handler, l.Status)
	l.ShowsReplyTime = shown(hasReplied, replied, l.Status)
	l.ShowsReplyContent = shown(hasReply, reply, l.Status) && (l.HasReplyContent || l.Status != StatusReplied)
	if !l.Received.OK && l.StatusRaw == "" && !labelled && cols == nil && !(named && l.DetailURL != "") {
		return Letter{}, false, false
	}
	return l, labelled, true
}

// shown reports whether a letter shows a field: the page has a place for it
// and, once the letter is replied, a value in it. An empty value where a
// replied letter should show one is not shown.
func shown(has bool, value, status string) bool {
	if !has {
		return false
	}
	return status != StatusReplied || !noContent[strings.ToLower(squash(value))]
}

// within reports whether n is inside (or is) anc.
func within(n, anc *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
}

// actionTexts are link texts that open a letter but are not its title.
var actionTexts = map[string]bool{
	"查看": true, "详情": true, "查看详情": true, "详细": true, "详细信息": true, "阅读": true, "回复": true,
	"查看回复": true, "[查看]": true, "[详情]": true,
}

// rowTitleLink is the link of a row that carries its title: the one with
// the longest text that is not an action or a status wording.
func rowTitleLink(row *html.Node, base *url.URL) *html.Node {
	var best *html.Node
	bestLen := 0
	for _, a := range itemLinks(row, base) {
		t := linkTitle(a)
		if isActionLink(t) {
			if best == nil {
				best = a
			}
			continue
		}
		if n := utf8.RuneCountInString(t); n > bestLen {
			best, bestLen = a, n
		}
	}
	return best
}

// isActionLink reports whether a link text is an action (查看) or a status
// wording rather than a title.
func isActionLink(t string) bool {
	s := squash(t)
	return actionTexts[s] || (utf8.RuneCountInString(s) <= 6 && normalizeStatus(s) != StatusUnknown)
}

// rowTitleText is the title of a row whose only link is an action: its
// longest text run that is not a date, a label or a status wording.
func rowTitleText(row, link *html.Node, ref time.Time) string {
	best := ""
	for _, s := range segments(row) {
		if within(s.node, link) || letterLabels.matchStart(s.text) != nil || isActionLink(s.raw) {
			continue
		}
		if d := ParseDate(s.text, ref); d.OK && utf8.RuneCountInString(s.text) <= maxDateText {
			continue
		}
		if utf8.RuneCountInString(s.raw) > utf8.RuneCountInString(best) {
			best = s.raw
		}
	}
	if utf8.RuneCountInString(best) < 4 {
		return ""
	}
	return best
}

// wrapsCells reports whether a link holds several element cells, as rows
// that are one link over their cells do.
func wrapsCells(a *html.Node) bool {
	n := 0
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !isElem(c, "br") && !isElem(c, "img") {
			n++
		}
	}
	return n > 1
}

// linkAround is the link that holds n inside row, if any.
func linkAround(n, row *html.Node) *html.Node {
	for p := n.Parent; p != nil && p != row; p = p.Parent {
		if isElem(p, "a") {
			return p
		}
	}
	return nil
}
