package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// MailProfile says what auto cannot find on a mailbox by itself. Every
// field is optional; the zero value is auto.
type MailProfile struct {
	// Format is "auto" (default), "html" or "json".
	Format string `yaml:"format" json:"format,omitempty"`
	// Rows is a CSS selector of the letter rows of an HTML list; the rows
	// are then read as auto reads them (header, labels or position).
	Rows string `yaml:"rows" json:"rows,omitempty"`
	// API is the list API, a URL template with {page} (1-based) and
	// optionally {size}, resolved against the mailbox URL: the list is read
	// from it, page after page, instead of from the mailbox page.
	API string `yaml:"api" json:"api,omitempty"`
	// Method is GET (default) or POST for API.
	Method string `yaml:"method" json:"method,omitempty"`
	// Form is the POST form of API, a query-string template with {page},
	// {size} and {offset} (the 0-based number of the page's first
	// record): "pageNo={page}&pageSize=10&type=zx", "offset={offset}&limit=10".
	Form string `yaml:"form" json:"form,omitempty"`
	// PageSize fills {size} (default 20).
	PageSize int `yaml:"page_size" json:"page_size,omitempty"`
	// Detail is a letter's page built from its row's id, a URL template
	// with {id}, for lists whose rows carry an id but no link.
	Detail string `yaml:"detail" json:"detail,omitempty"`
	// Token is the header in which API wants the CSRF token the mailbox
	// page writes (X-CSRF-TOKEN): the page is read first, for the token
	// and the session cookie it sets.
	Token string `yaml:"token" json:"token,omitempty"`
}

// Check reports a profile that cannot work: an unknown format or method,
// a selector that does not compile, a template without its placeholder.
func (p MailProfile) Check() error {
	switch strings.ToLower(p.Format) {
	case "", MailAuto, MailHTML, MailJSON:
	default:
		return fmt.Errorf("mailbox format %q: must be auto, html or json", p.Format)
	}
	switch strings.ToUpper(p.Method) {
	case "", "GET", "POST":
	default:
		return fmt.Errorf("mailbox method %q: must be GET or POST", p.Method)
	}
	if p.Rows != "" {
		if _, err := cascadia.Compile(p.Rows); err != nil {
			return fmt.Errorf("mailbox rows selector %q: %w", p.Rows, err)
		}
	}
	if p.Token != "" && (p.API == "" || !reTokenHeader.MatchString(p.Token)) {
		return fmt.Errorf("mailbox token %q: a token header (X-CSRF-TOKEN) for an api", p.Token)
	}
	if p.API != "" && !strings.Contains(p.API+p.Form, "{page}") && !strings.Contains(p.API+p.Form, "{offset}") {
		return fmt.Errorf("mailbox api %q: no {page} or {offset} in the api or its form", p.API)
	}
	if p.Detail != "" && !strings.Contains(p.Detail, "{id}") {
		return fmt.Errorf("mailbox detail %q: no {id}", p.Detail)
	}
	return nil
}

// FirstRequest is the first list request of a mailbox: page 1 of the API
// when the profile names one, else the mailbox URL.
func (p MailProfile) FirstRequest(mailboxURL string) Request {
	if p.API == "" {
		return Request{Method: "GET", URL: mailboxURL, Page: 1}
	}
	return p.apiRequest(mailboxURL, 1)
}

func (p MailProfile) apiRequest(mailboxURL string, page int) Request {
	size := p.PageSize
	if size <= 0 {
		size = defaultPageSize
	}
	fill := strings.NewReplacer("{page}", strconv.Itoa(page), "{size}", strconv.Itoa(size),
		"{offset}", strconv.Itoa((page-1)*size))
	u := fill.Replace(p.API)
	if base := parseBase(mailboxURL); base != nil {
		if ref, err := url.Parse(u); err == nil {
			u = base.ResolveReference(ref).String()
		}
	}
	r := Request{Method: "GET", URL: u, Page: page}
	if strings.EqualFold(p.Method, "POST") {
		r.Method = "POST"
		r.Form, _ = url.ParseQuery(fill.Replace(p.Form))
		if r.Form == nil {
			r.Form = url.Values{}
		}
	}
	return r
}

// ExtractLettersWith extracts one mailbox list page as the profile says.
// ExtractLetters(format, …) is ExtractLettersWith(MailProfile{Format: format}, …).
func ExtractLettersWith(p MailProfile, req Request, body string, ref time.Time) (LetterPage, error) {
	if err := p.Check(); err != nil {
		return LetterPage{}, err
	}
	format := p.Format
	if p.API != "" && format == "" {
		format = MailJSON
	}
	if p.Rows == "" && p.Detail == "" && p.API == "" {
		return extractLetters(format, req, body, ref)
	}
	page, err := extractLettersRows(format, p.Rows, req, body, ref)
	if err != nil {
		return page, err
	}
	if p.API != "" && len(page.Next) > 0 {
		next := page.Next[0].Page
		page.Next = []Request{p.apiRequest(req.URL, next)}
	}
	if p.Detail != "" {
		ids := rowIDs(body, len(page.Letters))
		base := parseBase(req.URL)
		for i := range page.Letters {
			if page.Letters[i].DetailURL != "" || i >= len(ids) || ids[i] == "" {
				continue
			}
			page.Letters[i].DetailURL = resolve(base, strings.ReplaceAll(p.Detail, "{id}", url.PathEscape(ids[i])))
		}
	}
	return page, nil
}

// extractLettersRows is extractLetters with the HTML rows named by a
// selector.
func extractLettersRows(format, rows string, req Request, body string, ref time.Time) (LetterPage, error) {
	if rows == "" || looksLikeJSON(body) {
		return extractLetters(format, req, body, ref)
	}
	page, err := extractLetters(format, req, body, ref)
	if err != nil || page.Blocked {
		return page, err
	}
	doc := parseHTML(body)
	var nodes []*html.Node
	doc.Find(rows).Each(func(_ int, s *goquery.Selection) { nodes = append(nodes, s.Get(0)) })
	page.Letters = []Letter{}
	if len(nodes) > 0 {
		if g := readGroup(nodes, parseBase(req.URL), ref, true); g != nil {
			page.Letters = append(page.Letters, g.letters...)
			page.DatedRows = g.dated
		}
	}
	return page, nil
}

// reScriptID finds a row's id in a script link (javascript:view('123'),
// onclick="show(123)").
var reScriptID = regexp.MustCompile(`(?:javascript:|onclick=")\s*[\w.$]+\(\s*['"]?([\w-]+)['"]?\s*[,)]`)

// rowIDs are the ids of a page's rows, in order: of JSON rows, or of the
// script links of HTML rows.
func rowIDs(body string, rows int) []string {
	var ids []string
	if looksLikeJSON(body) {
		v, err := decodeJSON(body)
		if err != nil {
			return nil
		}
		list, _, err := firstArray(v, letterRowsPaths...)
		if err != nil {
			return nil
		}
		for _, row := range list {
			if _, ok := jsonLetter(row, nil, time.Time{}); !ok {
				continue // a row jsonLetters skips
			}
			id := ""
			for _, k := range []string{"id", "letterId", "letter_id", "xjid", "guid", "ID", "Id"} {
				if s, ok := lookupString(row, k); ok && s != "" {
					id = s
					break
				}
			}
			ids = append(ids, id)
		}
		return ids
	}
	for _, m := range reScriptID.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) != rows {
		return nil // cannot pair ids with rows
	}
	return ids
}
