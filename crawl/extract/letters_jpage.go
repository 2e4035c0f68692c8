package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Hanweb's interaction platform (jact, and the older lm/front pages) lists
// letters through the jpage script: the list page holds no rows, only a
// jpage call naming its proxy, page size, group size and the form it posts;
// the proxy answers a script, dataStore = ["<tr>…</tr>", …], one row of
// HTML a letter, for the records startrecord..endrecord of the query. An
// answer holding fewer rows than asked for is the last; an empty one,
// dataStore = [];, says there is nothing more.
var (
	reDataStore = regexp.MustCompile(`(?s)^\s*(?:var\s+)?dataStore\s*=\s*\[`)
	// The jpage call's options on the list page.
	reJpageCall   = regexp.MustCompile(`\.jpage\s*\(\s*\{`)
	reJpageProxy  = regexp.MustCompile(`\b(?:proxyUrl|dataUrl)\s*:\s*["']([^"']+)["']`)
	reJpageParams = regexp.MustCompile(`\b(?:ajaxParam|dataParams|param)\s*:\s*\{([^{}]*)\}`)
)

// isDataStore reports whether body is a jpage proxy's dataStore answer.
func isDataStore(body string) bool {
	return reDataStore.MatchString(body[:min(len(body), 200)])
}

// jpageMailRequest is the proxy request for a list page's first group of
// letters, when the page calls jpage with a proxy.
func jpageMailRequest(body string, base *url.URL, req Request) (Request, bool) {
	loc := reJpageCall.FindStringIndex(body)
	if loc == nil {
		return Request{}, false
	}
	// The call's options: up to the matching close of its object, or a
	// generous window when the braces do not balance.
	opts := body[loc[1]:]
	if end := closingBrace(opts); end > 0 {
		opts = opts[:end]
	} else {
		opts = opts[:min(len(opts), 4000)]
	}
	m := reJpageProxy.FindStringSubmatch(opts)
	if m == nil {
		return Request{}, false
	}
	proxy := resolve(base, m[1])
	pu, err := url.Parse(proxy)
	if proxy == "" || err != nil {
		return Request{}, false
	}
	perPage, groupSize := defaultPerPage, defaultGroupSize
	if p := rePerPage.FindStringSubmatch(opts); p != nil && atoi(p[1]) > 0 {
		perPage = atoi(p[1])
	}
	if g := reGroupSize.FindStringSubmatch(opts); g != nil && atoi(g[1]) > 0 {
		groupSize = atoi(g[1])
	}
	form := url.Values{}
	if p := reJpageParams.FindStringSubmatch(opts); p != nil {
		for _, kv := range reDataPair.FindAllStringSubmatch(p[1], -1) {
			if kv[5] != "" {
				continue // a variable: its value is unknown
			}
			form.Set(kv[1], kv[2]+kv[3]+kv[4])
		}
	}
	q := pu.Query()
	q.Set("startrecord", "1")
	q.Set("endrecord", strconv.Itoa(perPage*groupSize))
	q.Set("perpage", strconv.Itoa(perPage))
	pu.RawQuery = q.Encode()
	return Request{Method: "POST", URL: pu.String(), Form: form, Page: req.Page}, true
}

// closingBrace is the index of the brace closing an object whose opening
// brace precedes s, or -1; braces inside quoted strings are skipped.
func closingBrace(s string) int {
	depth := 1
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// dataStoreLetters reads a jpage proxy answer: its rows as one table, and
// the request for the next group while this one was full.
func dataStoreLetters(req Request, body string, ref time.Time) LetterPage {
	page := LetterPage{Recognised: "jpage dataStore", PagerSeen: true}
	loc := reDataStore.FindStringIndex(body)
	var rows []string
	dec := json.NewDecoder(strings.NewReader(body[loc[1]-1:]))
	if err := dec.Decode(&rows); err != nil {
		// Not a JSON array of strings: read the rows as written.
		rows = jsStrings(body[loc[1]:])
	}
	base := parseBase(req.URL)
	if len(rows) > 0 {
		doc := parseHTML("<table>" + strings.Join(rows, "") + "</table>")
		if g, dated := bestLetterGroup(doc.Get(0), base, ref); g != nil {
			page.Letters, page.DatedRows = g.letters, dated
			page.Recognised = "jpage dataStore " + g.kind
		}
	}
	if m := reTotalRecord.FindStringSubmatch(body); m != nil {
		page.TotalRecords = atoi(m[1] + m[2])
	}
	q := url.Values{}
	if base != nil {
		q = base.Query()
	}
	start, end, perPage := atoi(q.Get("startrecord")), atoi(q.Get("endrecord")), atoi(q.Get("perpage"))
	asked := end - start + 1
	if perPage > 0 && page.TotalRecords > 0 {
		page.TotalPages = (page.TotalRecords + perPage - 1) / perPage
	}
	full := start > 0 && asked > 0 && len(rows) >= asked && (page.TotalRecords == 0 || end < page.TotalRecords)
	if !full {
		page.LastPage = true
		page.EmptyNotice = len(rows) == 0 && start <= 1
		return page
	}
	nu := *base
	nq := nu.Query()
	nq.Set("startrecord", strconv.Itoa(end+1))
	nq.Set("endrecord", strconv.Itoa(end+asked))
	nu.RawQuery = nq.Encode()
	form := url.Values{}
	for k, v := range req.Form {
		form[k] = append([]string(nil), v...)
	}
	method := req.Method
	if method == "" {
		method = "GET"
	}
	page.Next = []Request{{Method: method, URL: nu.String(), Form: form, Page: req.Page + 1}}
	return page
}

// jsStrings reads the quoted strings of a JS array literal (single or
// double quotes) up to its closing bracket.
func jsStrings(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ']' {
			break
		}
		if c != '"' && c != '\'' {
			continue
		}
		var b strings.Builder
		j := i + 1
		for ; j < len(s) && s[j] != c; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			b.WriteByte(s[j])
		}
		out = append(out, b.String())
		i = j
	}
	return out
}
