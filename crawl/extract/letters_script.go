package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

var (
	// url: "/api/letters", $.post("/x.do", …), fetch('/x'), axios.get("/x").
	reScriptURL = regexp.MustCompile(`(?:\burl\s*[:=]\s*|\$\.(?:get|post|getJSON|ajax)\s*\(\s*|\bfetch\s*\(\s*|axios\.(?:get|post)\s*\(\s*)["']([^"'\s]+)["']`)
	// type: "POST", method: 'post', $.post(, axios.post(.
	rePostCall = regexp.MustCompile(`(?i)(?:type|method)\s*:\s*["']post["']|\$\.post\s*\(|axios\.post\s*\(`)
	// data: {pageNo: 1, pageSize: 10, type: "zx"} — literal values only.
	reScriptData = regexp.MustCompile(`\bdata\s*:\s*\{([^{}]*)\}`)
	reDataPair   = regexp.MustCompile(`["']?([A-Za-z_$][\w$]*)["']?\s*:\s*(?:"([^"]*)"|'([^']*)'|(-?\d+)|([A-Za-z_$][\w$.]*))`)
)

// jsonObject writes form values as a JSON object, the numeric ones as
// numbers.
func jsonObject(values url.Values, numeric map[string]bool) string {
	obj := map[string]any{}
	for k := range values {
		v := values.Get(k)
		if n, err := strconv.Atoi(v); err == nil && numeric[k] {
			obj[k] = n
		} else {
			obj[k] = v
		}
	}
	b, _ := json.Marshal(obj)
	return string(b)
}

var (
	// data: JSON.stringify({pageNum: 1, pageSize: 10}).
	reScriptJSONData = regexp.MustCompile(`\bdata\s*:\s*JSON\.stringify\s*\(\s*\{([^{}]*)\}`)
	// headers: {"X-CSRF-TOKEN": _CSRF}, in the call or in $.ajaxSetup.
	reScriptHeaders = regexp.MustCompile(`\bheaders\s*:\s*\{([^{}]*)\}`)
	reHeaderPair    = regexp.MustCompile(`["']?([A-Za-z][\w-]*)["']?\s*:\s*(?:"([^"]*)"|'([^']*)'|(\$\([^)]*\)[^,}]*|document\.[^,}]*)|([A-Za-z_$][\w$.]*))`)
	reAjaxSetup     = regexp.MustCompile(`\$\.ajaxSetup\s*\(`)
	reMetaName      = regexp.MustCompile(`meta\[name\s*=\s*["']?([\w-]+)`)
	// Header names a page's script may set for its list call: session
	// tokens, never the request's own headers (Host, Cookie, User-Agent).
	reTokenHeader = regexp.MustCompile(`(?i)^x-|csrf|token`)
)

// offsetNames are form fields holding the 0-based number of a page's
// first record, beside a page size.
var offsetNames = []string{"offset", "start", "startIndex", "begin", "from"}

func offsetField(form url.Values) (string, bool) {
	for _, k := range offsetNames {
		if form.Has(k) {
			for _, p := range pageFieldNames {
				if form.Has(p) {
					return "", false // paged by number; the offset is a filter
				}
			}
			return k, true
		}
	}
	return "", false
}

// scriptHeaders are the token headers a list call sends, from its own
// headers option or the page's $.ajaxSetup, with values written in the
// page: a literal, a variable the page's scripts set to a literal
// (var _CSRF = '…'), or a <meta name="csrf-token"> read by the script.
func scriptHeaders(doc *goquery.Document, call string) map[string]string {
	var all strings.Builder
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if attr(s.Get(0), "src") == "" {
			all.WriteString(s.Text())
			all.WriteString("\n")
		}
	})
	code := all.String()
	var objs []string
	if m := reScriptHeaders.FindStringSubmatch(call); m != nil {
		objs = append(objs, m[1])
	}
	for _, loc := range reAjaxSetup.FindAllStringIndex(code, -1) {
		if m := reScriptHeaders.FindStringSubmatch(code[loc[1]:min(len(code), loc[1]+600)]); m != nil {
			objs = append(objs, m[1])
		}
	}
	out := map[string]string{}
	for _, obj := range objs {
		for _, p := range reHeaderPair.FindAllStringSubmatch(obj, -1) {
			name := p[1]
			if !reTokenHeader.MatchString(name) {
				continue
			}
			if _, set := out[name]; set {
				continue // the call's own headers win over ajaxSetup's
			}
			v, ok := p[2]+p[3], p[2] != "" || p[3] != ""
			switch {
			case p[4] != "":
				if mm := reMetaName.FindStringSubmatch(p[4]); mm != nil {
					v, ok = doc.Find(`meta[name="` + mm[1] + `"]`).Attr("content")
				}
			case p[5] != "":
				v, ok = scriptVar(code, p[5])
			}
			if ok && v != "" {
				out[name] = v
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

var (
	reTokenMeta = regexp.MustCompile(`(?i)^(?:csrf[-_]?token|_csrf|_token|x-csrf-token|xsrf-token)$`)
	reTokenVar  = regexp.MustCompile(`(?i)(?:\bvar|\blet|\bconst|window\.)\s*([\w$]*(?:csrf|xsrf)[\w$]*|_token)\s*=\s*(?:"([^"]+)"|'([^']+)')`)
)

// PageToken is the CSRF token a page writes for its scripts: a
// <meta name="csrf-token"> (or _csrf, _token), a hidden input of those
// names, or a script variable named for it (var _CSRF = '…').
func PageToken(body string) (string, bool) {
	doc := parseHTML(body)
	var tok string
	doc.Find("meta[name][content], input[type=hidden][name][value]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if reTokenMeta.MatchString(s.AttrOr("name", "")) {
			tok = s.AttrOr("content", s.AttrOr("value", ""))
		}
		return tok == ""
	})
	if tok != "" {
		return tok, true
	}
	doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if m := reTokenVar.FindStringSubmatch(s.Text()); m != nil {
			tok = m[2] + m[3]
		}
		return tok == ""
	})
	return tok, tok != ""
}

// scriptVar is the literal a page's scripts assign to a variable.
func scriptVar(code, name string) (string, bool) {
	name = strings.TrimPrefix(name, "window.")
	re, err := regexp.Compile(`(?:\bvar|\blet|\bconst|window\.)\s*` + regexp.QuoteMeta(name) + `\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	if err != nil {
		return "", false
	}
	m := re.FindStringSubmatch(code)
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// scriptFiles are paths that are code or style, never a list API.
var scriptFiles = []string{".js", ".css", ".png", ".jpg", ".gif", ".html", ".htm", ".shtml"}

// mailScriptAPI finds the list API a shell page's inline scripts call for
// its letters, with the page and size parameters they pass, so the next
// request reads the JSON itself. The page parameter is set to the page
// the shell stands for.
func mailScriptAPI(doc *goquery.Document, base *url.URL, req Request) (Request, bool) {
	var out Request
	found := false
	doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if attr(s.Get(0), "src") != "" {
			return true
		}
		code := s.Text()
		for _, m := range reScriptURL.FindAllStringSubmatchIndex(code, -1) {
			raw := code[m[2]:m[3]]
			u := resolve(base, raw)
			if u == "" || isStaticFile(u) {
				continue
			}
			// The call's own text: up to the next call of the same kind.
			end := len(code)
			if next := reScriptURL.FindStringIndex(code[m[1]:]); next != nil {
				end = m[1] + next[0]
			}
			call := code[max(0, m[0]-200):end]
			values := url.Values{}
			numeric := map[string]bool{} // fields written as numbers, for a JSON body
			d := reScriptData.FindStringSubmatch(code[m[0]:end])
			jsonBody := false
			if d == nil {
				// data: JSON.stringify({…}): the list is asked for with a
				// JSON request body.
				d = reScriptJSONData.FindStringSubmatch(code[m[0]:end])
				jsonBody = d != nil
			}
			if d != nil {
				for _, p := range reDataPair.FindAllStringSubmatch(d[1], -1) {
					// A variable's value is unknown, unless it is the page.
					if p[5] != "" && !isPageField(p[1]) {
						continue
					}
					values.Set(p[1], p[2]+p[3]+p[4])
					numeric[p[1]] = p[4] != "" || p[5] != ""
				}
			}
			page := req.Page
			for _, f := range pageFieldNames {
				if values.Has(f) {
					values.Set(f, strconv.Itoa(page))
					break
				}
			}
			if off, ok := offsetField(values); ok {
				// offset/limit paging: the shell stands for page req.Page.
				if size := formPageSize(Request{Form: values}); size > 0 {
					values.Set(off, strconv.Itoa((page-1)*size))
				}
			}
			hdr := scriptHeaders(doc, code[max(0, m[0]-200):end])
			if jsonBody {
				out = Request{Method: "POST", URL: u, Body: jsonObject(values, numeric), Page: page, Header: hdr}
			} else if rePostCall.MatchString(call) {
				out = Request{Method: "POST", URL: u, Form: values, Page: page, Header: hdr}
			} else {
				pu, err := url.Parse(u)
				if err != nil {
					continue
				}
				q := pu.Query()
				for k, v := range values {
					q[k] = v
				}
				pu.RawQuery = q.Encode()
				out = Request{Method: "GET", URL: pu.String(), Page: page, Header: hdr}
			}
			found = true
			return false
		}
		return true
	})
	return out, found
}

func isStaticFile(u string) bool {
	p := strings.ToLower(mailPathOf(u))
	for _, ext := range scriptFiles {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// mailPathOf is the path of a URL, for naming what was recognised.
func mailPathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Path
}

// mailScriptBuilt reports whether a page with no letters has scripts that
// may build its list: an inline script of some length, or a script file
// beside a container left empty for it.
func mailScriptBuilt(doc *goquery.Document, base *url.URL) bool {
	built := false
	doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if src := attr(s.Get(0), "src"); src != "" {
			low := strings.ToLower(src)
			// Libraries and counters alone do not build a list.
			for _, lib := range []string{"jquery", "analytics", "stat", "count", "baidu", "cnzz", "bootstrap", "layui.all"} {
				if strings.Contains(low, lib) {
					return true
				}
			}
			built = true
			return false
		}
		code := s.Text()
		if len(code) > 80 && (strings.Contains(code, "innerHTML") || strings.Contains(code, "append") ||
			strings.Contains(code, "document.write") || strings.Contains(code, "createElement") || strings.Contains(code, "render")) {
			built = true
			return false
		}
		return true
	})
	return built
}
