package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Page is what a structure's templates see.
type Page struct {
	S       *Structure
	Page    int // 1-based
	Pages   int
	Total   int
	PerPage int
	Items   []Item // the items of this page (of this answer, for an API)
	Start   int    // 1-based number of the first item of Items
}

// URL is the address of list page k: the column for page 1, else PageURL.
func (p Page) URL(k int) string { return p.S.pageURL(k) }

// Slice returns items a to b (0-based, b excluded), clamped to the list.
func (p Page) Slice(a, b int) []Item { return p.S.slice(a, b) }

// Clamped is the items of this page, or of the last page for a page past
// it, as CMSs that repeat their last page for any page number serve them.
func (p Page) Clamped() []Item {
	if p.Page > p.Pages {
		return p.S.page(p.Pages).Items
	}
	return p.Items
}

// Last reports whether this is the last page.
func (p Page) Last() bool { return p.Page >= p.Pages }

func (s *Structure) slice(a, b int) []Item {
	a, b = max(0, a), min(len(s.Items), b)
	if a >= b {
		return nil
	}
	return s.Items[a:b]
}

func (s *Structure) pageURL(k int) string {
	if k <= 1 || s.PageURL == "" {
		return s.Column
	}
	return strings.ReplaceAll(strings.ReplaceAll(s.PageURL, "{k}", strconv.Itoa(k)), "{k0}", strconv.Itoa(k-1))
}

func (s *Structure) page(k int) Page {
	k = max(k, 1)
	start := (k - 1) * s.PerPage
	return Page{S: s, Page: k, Pages: s.Pages(), Total: s.Count, PerPage: s.PerPage,
		Items: s.slice(start, start+s.PerPage), Start: start + 1}
}

// ServeHTTP serves the structure: its list pages, its API, and a detail
// page for every item (carrying the item's 发布日期).
func (s *Structure) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		// A JSON body: its fields count as form fields.
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "bad json body", http.StatusBadRequest)
			return
		}
		r.Form = url.Values{}
		for k, v := range body {
			r.Form.Set(k, fmt.Sprint(v))
		}
	} else if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	for _, sp := range s.Scripts {
		if r.URL.Path == sp {
			s.render(w, "script "+sp, s.page(1), "application/javascript; charset=utf-8")
			return
		}
	}
	if k := s.matchPage(r); k > 0 {
		p := s.page(k)
		if k > s.Pages() {
			// Pages past the last answer with an empty list, as most CMSs do.
			p.Page, p.Items = k, nil
		}
		s.render(w, "page", p, "text/html; charset=utf-8")
		return
	}
	if s.API != "" && r.URL.Path == pathOnly(s.API) {
		if st := r.Form.Get("startrecord"); st != "" {
			a, b := atoi(st), atoi(r.Form.Get("endrecord"))
			p := Page{S: s, Pages: s.Pages(), Total: s.Count, PerPage: s.PerPage, Items: s.slice(a-1, b), Start: a}
			s.render(w, "api", p, "text/xml; charset=utf-8")
			return
		}
		k := 1
		if v := r.Form.Get(s.PageParam); v != "" {
			k = atoi(v)
		}
		ct := "application/json; charset=utf-8"
		if s.tmpl.Lookup("api").Tree != nil && strings.HasPrefix(strings.TrimSpace(s.tmpl.Lookup("api").Tree.Root.String()), "<") {
			ct = "text/html; charset=utf-8"
		}
		if k > s.Pages() {
			p := Page{S: s, Page: k, Pages: s.Pages(), Total: s.Count, PerPage: s.PerPage}
			s.render(w, "api", p, ct)
			return
		}
		s.render(w, "api", s.page(k), ct)
		return
	}
	for _, it := range s.Items {
		if u, err := url.Parse(it.Href); err == nil && s.resolve(u) == r.URL.Path && (u.RawQuery == "" || sameRequest(s.resolve(u)+"?"+u.RawQuery, r.URL)) {
			if s.tmpl.Lookup("detail") != nil {
				var b bytes.Buffer
				if err := s.tmpl.ExecuteTemplate(&b, "detail", it); err != nil {
					http.Error(w, "template detail: "+err.Error(), http.StatusInternalServerError)
					return
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				_, _ = w.Write(b.Bytes())
				return
			}
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>
<h1>%s</h1><div class="info">发布日期：%s</div><div class="content"><p>正文。</p></div>
<div class="footer">主办单位：某某人民政府</div></body></html>`, html.EscapeString(it.Title), html.EscapeString(it.Title), it.Date.Format("2006-01-02"))
			return
		}
	}
	http.NotFound(w, r)
}

// resolve is an item href's path as the browser would request it from the
// column page.
func (s *Structure) resolve(u *url.URL) string {
	base, _ := url.Parse(s.Column)
	return base.ResolveReference(u).Path
}

// matchPage finds which list page a request asks for, 0 if none.
func (s *Structure) matchPage(r *http.Request) int {
	if r.URL.Path == pathOnly(s.Column) && s.PageParam != "" && (s.API == "" || pathOnly(s.API) != r.URL.Path) {
		if v := r.Form.Get(s.PageParam); v != "" {
			return atoi(v)
		}
	}
	for k := 1; k <= s.Pages()+2; k++ {
		if sameRequest(s.pageURL(k), r.URL) {
			return k
		}
	}
	// A directory column also answers as index.html.
	if strings.HasSuffix(s.Column, "/") && r.URL.Path == s.Column+"index.html" {
		return 1
	}
	return 0
}

func sameRequest(want string, got *url.URL) bool {
	w, err := url.Parse(want)
	if err != nil || w.Path != got.Path {
		return false
	}
	wq, gq := w.Query(), got.Query()
	if len(wq) != len(gq) {
		return false
	}
	for k, v := range wq {
		if gq.Get(k) != v[0] {
			return false
		}
	}
	return true
}

func pathOnly(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.Path
}

func (s *Structure) render(w http.ResponseWriter, name string, p Page, ct string) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, p); err != nil {
		http.Error(w, "template "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(b.Bytes())
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
