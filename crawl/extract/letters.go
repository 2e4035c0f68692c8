package extract

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Column keys of a mailbox list table, by header wording.
var letterColumns = map[string][]string{
	"no":       {"信件编号", "编号", "留言编号", "受理编号", "来信编号", "信件号", "序号"},
	"title":    {"标题", "信件标题", "主题", "留言标题", "来信标题", "信件主题", "留言主题", "咨询主题", "咨询标题", "信件名称"},
	"type":     {"类型", "信件类型", "来信类型", "留言类型", "类别", "信件类别", "诉求类型"},
	"received": {"来信时间", "写信时间", "留言时间", "提交时间", "来信日期", "发信时间", "留言日期"},
	"status":   {"状态", "办理状态", "处理状态", "信件状态", "回复状态"},
	"handler":  {"办理单位", "答复单位", "处理单位", "回复单位", "答复机构", "承办单位", "受理单位", "回复部门", "答复部门", "办理部门"},
	"replied":  {"回复时间", "答复时间", "办结时间", "回复日期", "答复日期"},
}

// headerKey maps a header cell's text to a column key.
func headerKey(text string) string {
	t := strings.TrimRight(squash(foldWidth(text)), ":")
	for key, words := range letterColumns {
		for _, w := range words {
			if t == w {
				return key
			}
		}
	}
	return ""
}

func extractLetters(format string, req Request, body string, ref time.Time) (LetterPage, error) {
	if req.Page < 1 {
		req.Page = 1
	}
	var (
		page LetterPage
		err  error
	)
	switch strings.ToLower(format) {
	case "json":
		if !looksLikeJSON(body) {
			if blocked, reason := isChallenge(200, body); blocked {
				return LetterPage{Letters: []Letter{}, Next: []Request{}, Blocked: true, Reason: reason}, nil
			}
		}
		page, err = jsonLetters(req, body, ref)
	case "html", "":
		if blocked, reason := isChallenge(200, body); blocked {
			return LetterPage{Letters: []Letter{}, Next: []Request{}, Blocked: true, Reason: reason}, nil
		}
		page = htmlLetters(req, body, ref)
	default:
		return LetterPage{}, fmt.Errorf("unknown mailbox format %q", format)
	}
	if err != nil {
		return LetterPage{}, err
	}
	if page.Letters == nil {
		page.Letters = []Letter{}
	}
	if page.Next == nil {
		page.Next = []Request{}
	}
	return page, nil
}

// htmlLetters reads the mailbox table: the table whose header row names a
// title column and at least one other letter column.
func htmlLetters(req Request, body string, ref time.Time) LetterPage {
	doc := parseHTML(body)
	base := parseBase(req.URL)
	var page LetterPage
	for _, table := range findAll(doc.Get(0), func(n *html.Node) bool { return n.Data == "table" }) {
		letters, ok := letterTable(table, base, ref)
		if ok {
			page.Letters = letters
			break
		}
	}
	page.TotalPages = totalPagesText(doc)
	if next := nextLink(Profile{}, doc, base, req); next != "" {
		page.Next = []Request{{Method: "GET", URL: next, Page: req.Page + 1}}
	} else if next := numberedPageLink(doc, base, req.Page+1); next != "" {
		page.Next = []Request{{Method: "GET", URL: next, Page: req.Page + 1}}
	}
	return page
}

// rowsOf lists the rows of a table, not of tables nested in it.
func rowsOf(table *html.Node) []*html.Node {
	return findAll(table, func(n *html.Node) bool {
		if n.Data != "tr" {
			return false
		}
		for p := n.Parent; p != nil; p = p.Parent {
			if p.Data == "table" {
				return p == table
			}
		}
		return false
	})
}

func cellsOf(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, "td", "th") {
			cells = append(cells, c)
		}
	}
	return cells
}

func letterTable(table *html.Node, base *url.URL, ref time.Time) ([]Letter, bool) {
	rows := rowsOf(table)
	for h, tr := range rows {
		cols := map[int]string{}
		keys := map[string]bool{}
		for i, c := range cellsOf(tr) {
			if k := headerKey(nodeText(c)); k != "" && !keys[k] {
				cols[i], keys[k] = k, true
			}
		}
		if !keys["title"] || len(keys) < 2 {
			continue
		}
		letters := []Letter{}
		for _, row := range rows[h+1:] {
			cells := cellsOf(row)
			if len(cells) == 0 {
				continue
			}
			l := Letter{ShowsHandler: keys["handler"], ShowsReplyTime: keys["replied"]}
			for i, c := range cells {
				text := clean(nodeText(c))
				switch cols[i] {
				case "no":
					l.No = text
				case "title":
					l.Title = text
					if links := itemLinks(c, base); len(links) > 0 {
						l.Title = linkTitle(links[0])
						l.DetailURL = resolve(base, attr(links[0], "href"))
					}
				case "type":
					l.TypeRaw = text
				case "received":
					l.Received = ParseDate(text, ref)
				case "status":
					l.StatusRaw = text
				case "handler":
					l.Handler = text
				case "replied":
					l.Replied = ParseDate(text, ref)
				}
			}
			if l.DetailURL == "" {
				if links := itemLinks(row, base); len(links) > 0 {
					l.DetailURL = resolve(base, attr(links[0], "href"))
				}
			}
			if l.Title == "" && l.No == "" {
				continue
			}
			l.Type = letterType(l.TypeRaw)
			l.Status = normalizeStatus(l.StatusRaw)
			letters = append(letters, l)
		}
		return letters, true
	}
	return nil, false
}

// numberedPageLink finds a pager link to page n (?page=n, list_n.html) when
// the pager has no 下一页 link.
func numberedPageLink(doc *goquery.Document, base *url.URL, n int) string {
	want := fmt.Sprint(n)
	var found string
	doc.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if squash(s.Text()) != want {
			return true
		}
		found = resolve(base, s.AttrOr("href", ""))
		return found == ""
	})
	return found
}
