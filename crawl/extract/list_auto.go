package extract

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// autoList recognises what a page is from the page itself and extracts it
// that way: a JSON answer, a Hanweb datastore, an HTML list (with any
// pager), and, when the HTML holds no list, the list API its scripts call
// or the array its scripts write the list from. Recognised names what was
// found, so a user can pin it.
func autoList(p Profile, req Request, body string, ref time.Time, st *columnState) (ListResult, error) {
	if looksLikeJSON(body) {
		return jsonAuto(req, body, ref)
	}
	if strings.Contains(body, "<datastore") || strings.Contains(body, "<DATASTORE") || strings.Contains(body, ".jpage(") {
		res, err := hanwebList(p, req, body, ref)
		res.Recognised = "hanweb:jpage"
		res.PagerSeen = true
		res.LastPage = len(res.Next) == 0 && res.TotalRecords > 0
		return res, err
	}
	res, err := htmlList(p, req, body, ref, st)
	if err != nil {
		return res, err
	}
	// What the scripts write or fetch is the list when it is larger than
	// what the HTML shows, or when the HTML shows nothing: a shell page's
	// only static links are its chrome.
	if items, ok := jsArrayItems(body, parseBase(req.URL), ref); ok && len(items) > len(res.Items) {
		return ListResult{Items: items, Recognised: "js:array"}, nil
	}
	if r, label, paged, ok := scriptAPI(body, req); ok && (paged || len(res.Items) == 0) {
		return ListResult{Next: []Request{r}, Recognised: label, PagerSeen: true}, nil
	}
	if len(res.Items) > 0 {
		return res, nil
	}
	if !res.EmptyNotice && hasScripts(asciiLower(body)) {
		res.NeedsBrowser = true
	}
	return res, nil
}

// hasScripts reports whether a page runs scripts that may build its list:
// a script file (a bundle may build anything), or inline code that writes
// the page or calls the server.
func hasScripts(lower string) bool {
	if strings.Contains(lower, "<script") && strings.Contains(lower, " src=") {
		return true
	}
	for _, w := range []string{"innerhtml", ".html(", ".append(", "new vue", "createapp", "$.ajax", "$.get", "$.post", "fetch(", "axios", "xmlhttprequest", "template", "document.write"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// Field names JSON list APIs use, most common first.
var (
	jsonTitleKeys = []string{"title", "docTitle", "doctitle", "Title", "TITLE", "name", "subject", "articleTitle", "infoTitle", "bt", "biaoti", "fTitle", "showTitle"}
	jsonURLKeys   = []string{"url", "link", "href", "docUrl", "docurl", "pageUrl", "detailUrl", "linkUrl", "articleUrl", "URL", "pubUrl", "puburl", "docpuburl", "path", "targetUrl"}
	jsonDateKeys  = []string{"publishTime", "pubDate", "publishDate", "releaseTime", "releaseDate", "pubTime", "publishedTime", "docRelTime", "docreltime", "fbrq", "fbsj", "createTime", "createDate", "date", "time", "writeTime", "crtime", "showTime", "updateTime"}
	jsonTotalKeys = []string{"total", "totalCount", "totalRecord", "totalRecords", "totalNum", "totalSize", "totalElements", "recordCount", "rowCount", "count", "totalcount", "totalrecord"}
)

// jsonAuto reads a JSON answer whose shape no profile names: the largest
// array of objects that carry a title and a link, or a string field that
// holds the list as HTML.
func jsonAuto(req Request, body string, ref time.Time) (ListResult, error) {
	v, err := decodeJSON(body)
	if err != nil {
		return ListResult{}, fmt.Errorf("auto list %s: answer looks like json but is not: %w", req.URL, err)
	}
	base := parseBase(req.URL)
	path, rows := bestJSONArray(v, "")
	label := "json:" + methodOf(req) + " " + pathOf(req.URL)
	if rows == nil {
		// A JSON answer carrying the list as an HTML fragment.
		if frag, fpath := htmlField(v, ""); frag != "" {
			groups := listGroups(parseHTML(frag).Get(0), base, ref)
			res := ListResult{Items: rowItems(bestRows(groups)), Recognised: "json:html " + fpath}
			jsonPaging(&res, v, req, len(res.Items))
			return res, nil
		}
		return ListResult{Recognised: label}, nil
	}
	first := rows[0].(map[string]any)
	p := Profile{Family: FamilyJSON, ItemsPath: path,
		TitlePath: firstKey(first, jsonTitleKeys), URLPath: firstKey(first, jsonURLKeys), DatePath: dateKey(first, ref)}
	if p.ItemsPath == "" {
		p.ItemsPath = "."
	}
	var res ListResult
	for _, row := range rows {
		m, ok := row.(map[string]any)
		if !ok {
			continue
		}
		link, _ := lookupString(m, p.URLPath)
		u := resolve(base, link)
		if u == "" {
			continue
		}
		title, _ := lookupString(m, p.TitlePath)
		var d Date
		if x, ok := lookup(m, p.DatePath); ok && p.DatePath != "" {
			d = ParseDate(jsonDateText(x), ref)
		}
		res.Items = append(res.Items, ListItem{URL: u, Title: clean(stripTags(title)), Date: d})
	}
	res.Recognised = label
	jsonPaging(&res, v, req, len(rows))
	return res, nil
}

// jsonPaging fills the paging of a JSON answer read by auto: the total
// records or pages it states, and the next page when there is one, by the
// page parameter of the request (URL or form).
func jsonPaging(res *ListResult, v any, req Request, rows int) {
	total, haveTotal := 0, false
	for _, prefix := range []string{"", "data.", "result.", "page.", "pageInfo.", "data.page.", "obj."} {
		for _, k := range jsonTotalKeys {
			if n, ok := lookupInt(v, prefix+k); ok {
				total, haveTotal = n, true
				break
			}
		}
		if haveTotal {
			break
		}
	}
	pages := 0
	for _, prefix := range []string{"", "data.", "result.", "page.", "pageInfo.", "data.page.", "obj."} {
		for _, k := range []string{"totalPage", "totalPages", "pageCount", "pages", "totalpage", "pagecount"} {
			if n, ok := lookupInt(v, prefix+k); ok && n > 0 {
				pages = n
				break
			}
		}
		if pages > 0 {
			break
		}
	}
	size := jsonPageSize(Profile{}, req, v, rows)
	if f := formPageSize(req); f > 0 {
		size = f
	}
	res.PagerSeen = haveTotal || pages > 0
	if haveTotal {
		res.TotalRecords = total
		if size > 0 && pages == 0 {
			pages = (total + size - 1) / size
		}
	}
	res.TotalPages = pages
	page := max(req.Page, 1)
	more := false
	switch {
	case pages > 0:
		more = page < pages
		res.LastPage = page >= pages
	case size > 0:
		more = rows >= size && rows > 0
	}
	if rows == 0 {
		more = false
	}
	if more {
		res.Next = []Request{nextPageRequest(req, page+1)}
	}
}

// nextPageRequest is req with its page parameter set to page: in the form
// of a POST, else in the URL.
func nextPageRequest(req Request, page int) Request {
	if len(req.Form) > 0 {
		form := url.Values{}
		for k, vs := range req.Form {
			form[k] = append([]string(nil), vs...)
		}
		for k := range form {
			if isPageField(k) {
				form.Set(k, strconv.Itoa(page))
				return Request{Method: req.Method, URL: req.URL, Form: form, Page: page}
			}
		}
	}
	return Request{Method: methodOf(req), URL: withPageParam(req.URL, page), Form: req.Form, Page: page}
}

func formPageSize(req Request) int {
	for _, k := range pageSizeNames {
		if n := atoi(req.Form.Get(k)); n > 0 {
			return n
		}
	}
	return 0
}

var pageSizeNames = []string{"pageSize", "pagesize", "page_size", "size", "rows", "limit", "perPage", "perpage", "pageCount", "num"}

func methodOf(req Request) string {
	if req.Method == "" {
		return "GET"
	}
	return strings.ToUpper(req.Method)
}

func pathOf(raw string) string {
	if u := parseBase(raw); u != nil && u.Path != "" {
		return u.Path
	}
	return raw
}

// bestJSONArray finds the array of objects most like a list: the most rows
// that each have a title and a link.
func bestJSONArray(v any, path string) (string, []any) {
	bestPath, best := "", []any(nil)
	var walk func(any, string, int)
	walk = func(x any, p string, depth int) {
		if depth > 6 {
			return
		}
		switch t := x.(type) {
		case []any:
			if len(t) > 0 && len(t) > len(best) {
				if m, ok := t[0].(map[string]any); ok && firstKey(m, jsonTitleKeys) != "" && firstKey(m, jsonURLKeys) != "" {
					best, bestPath = t, p
				}
			}
			for i, e := range t {
				if i > 0 {
					break // the rows of one array share a shape
				}
				walk(e, join(p, strconv.Itoa(i)), depth+1)
			}
		case map[string]any:
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(t[k], join(p, k), depth+1)
			}
		}
	}
	walk(v, path, 0)
	return bestPath, best
}

func join(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

// firstKey returns the first of keys that m has with a non-empty scalar.
func firstKey(m map[string]any, keys []string) string {
	for _, k := range keys {
		if x, ok := m[k]; ok && scalar(x) != "" {
			return k
		}
	}
	return ""
}

// dateKey names a row's date field: a known name, else the first field
// (in name order) whose name speaks of a time or date and whose value
// parses as one.
func dateKey(m map[string]any, ref time.Time) string {
	if k := firstKey(m, jsonDateKeys); k != "" {
		return k
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		l := strings.ToLower(k)
		if !strings.Contains(l, "time") && !strings.Contains(l, "date") && !strings.HasSuffix(l, "rq") && !strings.HasSuffix(l, "sj") {
			continue
		}
		if ParseDate(jsonDateText(m[k]), ref).OK {
			return k
		}
	}
	return ""
}

// htmlField finds a string field holding an HTML list (several links).
func htmlField(v any, path string) (string, string) {
	switch t := v.(type) {
	case string:
		if strings.Count(t, "<a ") >= 2 || strings.Count(t, "<a\n") >= 2 {
			return t, path
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if f, fp := htmlField(t[k], join(path, k)); f != "" {
				return f, fp
			}
		}
	}
	return "", ""
}

var reTags = regexp.MustCompile(`<[^>]*>`)

// stripTags removes the highlighting markup some APIs put in titles.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return reTags.ReplaceAllString(s, "")
}

var (
	// An API call in a page's scripts: $.ajax({url: …}), $.post("…"),
	// $.get, $.getJSON, fetch("…"), axios.get/post("…").
	reAPICall = regexp.MustCompile(`(\$\.ajax|jQuery\.ajax|\$\.post|\$\.get|\$\.getJSON|\bfetch|\baxios(?:\.get|\.post)?)\s*\(`)
	reURLOpt  = regexp.MustCompile(`\burl\s*:\s*["']([^"']+)["']`)
	reFirstS  = regexp.MustCompile(`^\s*["']([^"']+)["']`)
	rePostOpt = regexp.MustCompile(`(?i)\b(?:type|method)\s*:\s*["']post["']`)
	reDataObj = regexp.MustCompile(`(?s)(?:\bdata|\bparams|\bbody)\s*:\s*(?:JSON\.stringify\()?\{(.*?)\}|^\s*["'][^"']+["']\s*,\s*\{(.*?)\}`)
	rePair    = regexp.MustCompile(`["']?([A-Za-z_$][\w$]*(?:\[\])?)["']?\s*:\s*(?:["']([^"']*)["']|(\d+)|([A-Za-z_$][\w$.]*))`)
)

// scriptAPI finds the list API a shell page's scripts call and returns the
// request for its first page: the URL, GET or POST, with the parameters
// the script sends (its page parameter set to 1, its size kept). paged
// says the call carries a page or size parameter, as list APIs do and
// counters or menus do not.
func scriptAPI(body string, req Request) (Request, string, bool, bool) {
	base := parseBase(req.URL)
	for _, loc := range reAPICall.FindAllStringSubmatchIndex(body, -1) {
		call := body[loc[2]:loc[3]]
		rest := body[loc[1]:min(len(body), loc[1]+1200)]
		raw := ""
		if m := reFirstS.FindStringSubmatch(rest); m != nil {
			raw = m[1]
		} else if m := reURLOpt.FindStringSubmatch(rest); m != nil {
			raw = m[1]
		}
		if raw == "" || strings.HasSuffix(raw, ".js") || strings.HasSuffix(raw, ".css") {
			continue
		}
		u := resolve(base, raw)
		if u == "" {
			continue
		}
		post := strings.HasSuffix(call, "post") || rePostOpt.MatchString(rest)
		params := url.Values{}
		paged := false
		if pu, err := url.Parse(u); err == nil {
			for k := range pu.Query() {
				paged = paged || isPageField(k) || isSizeField(k)
			}
		}
		if m := reDataObj.FindStringSubmatch(rest); m != nil {
			for _, pm := range rePair.FindAllStringSubmatch(m[1]+m[2], -1) {
				k, v := pm[1], pm[2]+pm[3]
				switch {
				case isPageField(k):
					v = "1"
				case pm[4] != "" && !isSizeField(k):
					continue // a value the script computes
				case pm[4] != "":
					v = strconv.Itoa(defaultPageSize)
				}
				params.Set(k, v)
				paged = paged || isPageField(k) || isSizeField(k)
			}
		}
		r := Request{Method: "GET", URL: u, Page: 1}
		if post {
			r.Method, r.Form = "POST", params
		} else if len(params) > 0 {
			pu, err := url.Parse(u)
			if err != nil {
				continue
			}
			q := pu.Query()
			for k, vs := range params {
				if !q.Has(k) {
					q[k] = vs
				}
			}
			pu.RawQuery = q.Encode()
			r.URL = pu.String()
		}
		return r, "json:" + r.Method + " " + pathOf(u), paged, true
	}
	return attrScriptAPI(body, base)
}

// reAttrScript finds a script element that names its API in attributes, as
// publishing platforms' page units do: <script url="/…/unit"
// querydata="{'webId':'…','pageNo':'1'}" src="unit.js">.
var reAttrScript = regexp.MustCompile(`(?is)<script\b[^>]*?\surl\s*=\s*"([^"]+)"[^>]*?\squerydata\s*=\s*"([^"]*)"`)

// attrScriptAPI is the GET request for the first page of an API a script
// element names in its url and querydata attributes.
func attrScriptAPI(body string, base *url.URL) (Request, string, bool, bool) {
	m := reAttrScript.FindStringSubmatch(body)
	if m == nil {
		return Request{}, "", false, false
	}
	u := resolve(base, html.UnescapeString(m[1]))
	pu, err := url.Parse(u)
	if u == "" || err != nil {
		return Request{}, "", false, false
	}
	q := pu.Query()
	paged := false
	for _, pm := range rePair.FindAllStringSubmatch(html.UnescapeString(m[2]), -1) {
		k, v := pm[1], pm[2]+pm[3]
		if pm[4] != "" {
			continue
		}
		if isPageField(k) {
			v = "1"
		}
		q.Set(k, v)
		paged = paged || isPageField(k) || isSizeField(k)
	}
	pu.RawQuery = q.Encode()
	return Request{Method: "GET", URL: pu.String(), Page: 1}, "json:GET " + pathOf(u), paged, true
}

func isSizeField(k string) bool {
	for _, n := range pageSizeNames {
		if strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}

// reJSArray finds an array of object literals assigned in a script:
// var list = [{title: '…', url: '…', date: '…'}, …];
var reJSArray = regexp.MustCompile(`(?s)=\s*(\[\s*\{.*?\}\s*,?\s*\])\s*;`)

// jsArrayItems reads a list a page's scripts write from an array of object
// literals.
func jsArrayItems(body string, base *url.URL, ref time.Time) ([]ListItem, bool) {
	if !strings.Contains(body, "[{") && !strings.Contains(body, "[ {") && !strings.Contains(body, "[\n") {
		return nil, false
	}
	for _, m := range reJSArray.FindAllStringSubmatch(body, -1) {
		v, err := decodeJSON(jsToJSON(m[1]))
		if err != nil {
			continue
		}
		_, rows := bestJSONArray(v, "")
		if len(rows) == 0 {
			continue
		}
		first := rows[0].(map[string]any)
		tk, uk, dk := firstKey(first, jsonTitleKeys), firstKey(first, jsonURLKeys), dateKey(first, ref)
		var items []ListItem
		for _, row := range rows {
			r, ok := row.(map[string]any)
			if !ok {
				continue
			}
			u := resolve(base, scalar(r[uk]))
			if u == "" {
				continue
			}
			it := ListItem{URL: u, Title: clean(stripTags(scalar(r[tk])))}
			if dk != "" {
				it.Date = ParseDate(jsonDateText(r[dk]), ref)
			}
			items = append(items, it)
		}
		if len(items) > 0 {
			return items, true
		}
	}
	return nil, false
}

// jsToJSON turns a JavaScript literal into JSON: keys quoted, single-quoted
// strings double-quoted, trailing commas dropped. It is enough for the data
// arrays pages write, not for code.
func jsToJSON(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			var str strings.Builder
			for j < len(s) && s[j] != c {
				if s[j] == '\\' && j+1 < len(s) {
					if s[j+1] == '\'' {
						str.WriteByte('\'')
					} else {
						str.WriteString(s[j : j+2])
					}
					j += 2
					continue
				}
				if s[j] == '"' {
					str.WriteString(`\"`)
				} else {
					str.WriteByte(s[j])
				}
				j++
			}
			b.WriteByte('"')
			b.WriteString(str.String())
			b.WriteByte('"')
			i = j + 1
		case c == '_' || c == '$' || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '$' || isDigit(s[j]) || (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z')) {
				j++
			}
			word := s[i:j]
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
				k++
			}
			if k < len(s) && s[k] == ':' {
				b.WriteString(strconv.Quote(word))
			} else if word == "true" || word == "false" || word == "null" {
				b.WriteString(word)
			} else {
				b.WriteString(`null`)
			}
			i = j
		case c == ',':
			k := i + 1
			for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
				k++
			}
			if k < len(s) && (s[k] == '}' || s[k] == ']') {
				i++
				continue
			}
			b.WriteByte(c)
			i++
		default:
			if c >= 0x80 {
				_, size := utf8.DecodeRuneInString(s[i:])
				b.WriteString(s[i : i+size])
				i += size
				continue
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
