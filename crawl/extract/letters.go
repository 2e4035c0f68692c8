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
	"no":       {"信件编号", "编号", "留言编号", "受理编号", "来信编号", "信件号", "查询码", "查询编号"},
	"title":    {"标题", "信件标题", "主题", "留言标题", "来信标题", "信件主题", "留言主题", "咨询主题", "咨询标题", "信件名称", "受理件标题"},
	"type":     {"类型", "信件类型", "来信类型", "留言类型", "类别", "信件类别", "诉求类型", "受理件类型"},
	"received": {"来信时间", "写信时间", "留言时间", "提交时间", "来信日期", "发信时间", "留言日期", "提问时间", "咨询时间", "写信日期", "提问日期", "投诉时间", "诉求时间", "受理时间"},
	"status":   {"状态", "办理状态", "处理状态", "信件状态", "回复状态", "答复状态", "办结状态"},
	"handler":  {"办理单位", "答复单位", "处理单位", "回复单位", "答复机构", "承办单位", "受理单位", "回复部门", "答复部门", "办理部门", "处理部门", "回复机构", "办理机构", "回文单位"},
	"replied":  {"回复时间", "答复时间", "办结时间", "回复日期", "答复日期", "办理时间", "处理时间", "反馈时间"},
}

// headerOnlyColumns are header wordings too bare to be labels on a
// letter's page (单位 there may be the writer's employer), but plain in a
// list's header row.
var headerOnlyColumns = map[string][]string{
	"handler":  {"单位", "部门", "办理机关"},
	"received": {"时间", "日期"},
}

// headerKey maps a header cell's text to a column key.
func headerKey(text string) string {
	t := strings.TrimRight(squash(foldWidth(text)), ":")
	for key, words := range headerOnlyColumns {
		for _, w := range words {
			if t == w {
				return key
			}
		}
	}
	for key, words := range letterColumns {
		for _, w := range words {
			if t == w {
				return key
			}
		}
	}
	return ""
}

// Mailbox formats. Auto reads JSON when the answer is JSON and HTML
// otherwise; html and json insist on one.
const (
	MailAuto = "auto"
	MailHTML = "html"
	MailJSON = "json"
)

func extractLetters(format string, req Request, body string, ref time.Time) (LetterPage, error) {
	if req.Page < 1 {
		req.Page = 1
	}
	format = strings.ToLower(strings.TrimSpace(format))
	if format == "" {
		format = MailAuto
	}
	var (
		page LetterPage
		err  error
	)
	switch format {
	case MailAuto, MailJSON, MailHTML:
	default:
		return LetterPage{}, fmt.Errorf("unknown mailbox format %q (auto, html or json)", format)
	}
	isJSON := looksLikeJSON(body)
	if !isJSON && format != MailJSON && isDataStore(body) {
		page = dataStoreLetters(req, body, ref)
		if format != MailAuto {
			page.Recognised = ""
		}
		if page.Next == nil {
			page.Next = []Request{}
		}
		if page.Letters == nil {
			page.Letters = []Letter{}
		}
		return page, nil
	}
	if !isJSON {
		// A JSON answer is never a challenge page, whatever words it holds.
		if blocked, reason := isChallenge(200, body); blocked {
			return LetterPage{Letters: []Letter{}, Next: []Request{}, Blocked: true, Reason: reason}, nil
		}
	}
	switch {
	case format == MailJSON || (format == MailAuto && isJSON):
		page, err = jsonLetters(req, body, ref)
		if err == nil && format == MailAuto {
			page.Recognised = "json:" + page.Recognised
		}
	default:
		page = htmlLetters(req, body, ref)
	}
	if err != nil {
		return LetterPage{}, err
	}
	if format != MailAuto {
		page.Recognised = ""
	}
	if page.Letters == nil {
		page.Letters = []Letter{}
	}
	if page.Next == nil {
		page.Next = []Request{}
	}
	return page, nil
}

// htmlLetters reads a mailbox list page: the rows (tr, li, div, dl, p …)
// that give the most letters, by a header row, by labels inside each row,
// or by a link with a date or a status wording; then its pager. A page
// whose list is fetched by a script names the API as the next request.
func htmlLetters(req Request, body string, ref time.Time) LetterPage {
	doc := parseHTML(body)
	base := parseBase(req.URL)
	var page LetterPage
	g, dated := bestLetterGroup(doc.Get(0), base, ref)
	page.DatedRows = dated
	if g != nil {
		page.Letters = g.letters
		page.Recognised = "html:" + g.kind
	}
	pg := mailPager(doc, body, base, req)
	page.Next, page.TotalPages, page.TotalRecords = pg.next, pg.totalPages, pg.totalRecords
	page.LastPage, page.PagerSeen = pg.last, pg.seen
	page.EmptyNotice = len(page.Letters) == 0 && mailEmptyNotice(doc)
	if len(page.Letters) == 0 && !page.EmptyNotice {
		if frame := mailFrame(doc, base, req); frame != "" {
			// Mailbox systems are often embedded: the list is the frame's.
			page.Next = []Request{{Method: "GET", URL: frame, Page: req.Page}}
			page.Recognised = "html:iframe " + mailPathOf(frame)
			page.PagerSeen = false
		} else if proxy, ok := jpageMailRequest(body, base, req); ok {
			page.Next = []Request{proxy}
			page.Recognised = "html:jpage " + mailPathOf(proxy.URL)
			page.PagerSeen = false
		} else if api, ok := mailScriptAPI(doc, base, req); ok {
			page.Next = []Request{api}
			page.Recognised = "json:" + api.Method + " " + mailPathOf(api.URL)
			page.PagerSeen = false
		} else if mailScriptBuilt(doc, base) {
			page.NeedsBrowser = true
		}
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

// letterTable reads a table whose header row names the letter columns.
func letterTable(table *html.Node, base *url.URL, ref time.Time) ([]Letter, bool) {
	rows := rowsOf(table)
	for h, tr := range rows {
		if cols, keys, ok := tableHeader(tr); ok {
			return tableLetters(rows[h+1:], cols, keys, base, ref), true
		}
	}
	// Some sites write the header as a table of its own just before the
	// table of rows: it names their cells when it has as many.
	if prev := prevElem(table); prev != nil && isElem(prev, "table") && len(rows) > 0 {
		for _, tr := range rowsOf(prev) {
			if cols, keys, ok := tableHeader(tr); ok && len(cellsOf(tr)) == len(cellsOf(rows[0])) {
				return tableLetters(rows, cols, keys, base, ref), true
			}
		}
	}
	return nil, false
}

// tableHeader maps a header row's cells to letter column keys; ok when it
// names a title column and at least one other.
func tableHeader(tr *html.Node) (map[int]string, map[string]bool, bool) {
	cols := map[int]string{}
	keys := map[string]bool{}
	for i, c := range cellsOf(tr) {
		if k := headerKey(nodeText(c)); k != "" && !keys[k] {
			cols[i], keys[k] = k, true
		}
	}
	return cols, keys, keys["title"] && len(keys) >= 2
}

// tableLetters reads the rows under a header.
func tableLetters(rows []*html.Node, cols map[int]string, keys map[string]bool, base *url.URL, ref time.Time) []Letter {
	letters := []Letter{}
	for _, row := range rows {
		cells := cellsOf(row)
		if len(cells) == 0 {
			continue
		}
		var l Letter
		for i, c := range cells {
			text := clean(nodeText(c))
			switch cols[i] {
			case "no":
				l.No = text
			case "title":
				l.Title = text
				if links := itemLinks(c, base); len(links) > 0 {
					// A cut title's full text may be on the cell itself.
					l.Title = titleOver(c, linkTitle(links[0]))
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
		l.ShowsHandler = shown(keys["handler"], l.Handler, l.Status)
		l.ShowsReplyTime = shown(keys["replied"], l.Replied.Raw, l.Status)
		letters = append(letters, l)
	}
	return letters
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

// mailFrame is the source of the page's one content frame on the same
// host, or "".
func mailFrame(doc *goquery.Document, base *url.URL, req Request) string {
	var found []string
	doc.Find("iframe[src], frame[src]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if inNoise(n) {
			return
		}
		u := resolve(base, attr(n, "src"))
		if u == "" || u == resolve(nil, req.URL) {
			return
		}
		if fu := parseBase(u); fu == nil || base == nil || fu.Host != base.Host {
			return
		}
		found = append(found, u)
	})
	if len(found) != 1 {
		return ""
	}
	return found[0]
}
