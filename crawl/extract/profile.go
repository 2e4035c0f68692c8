package extract

import (
	"net/url"
	"strconv"
	"strings"
)

// Families of site profiles.
const (
	FamilyTRS     = "trs"
	FamilyHanweb  = "hanweb"
	FamilyJSON    = "json"
	FamilyGeneric = "generic"
	FamilyAuto    = "auto"
)

// presets hold each family's defaults. HTML families leave the selectors
// empty: an empty selector means the dated-link detection, which finds the
// list whatever its markup.
var presets = map[string]Profile{
	FamilyTRS:     {Name: FamilyTRS, Family: FamilyTRS},
	FamilyHanweb:  {Name: FamilyHanweb, Family: FamilyHanweb},
	FamilyGeneric: {Name: FamilyGeneric, Family: FamilyGeneric},
	FamilyAuto:    {Name: FamilyAuto, Family: FamilyAuto},
	FamilyJSON: {
		Name: FamilyJSON, Family: FamilyJSON,
		ItemsPath: "data.list", URLPath: "url", TitlePath: "title",
		DatePath: "publishTime", TotalPath: "data.total",
	},
}

func preset(name string) (Profile, bool) {
	p, ok := presets[strings.ToLower(strings.TrimSpace(name))]
	return p, ok
}

// withDefaults fills the empty JSON fields of p from its family preset, so
// a custom profile only names what differs.
func withDefaults(p Profile) Profile {
	if p.Family == "" {
		p.Family = FamilyAuto
	}
	p.Family = strings.ToLower(p.Family)
	if p.Family != FamilyJSON {
		return p
	}
	d := presets[FamilyJSON]
	for _, f := range []struct {
		dst *string
		def string
	}{
		{&p.ItemsPath, d.ItemsPath}, {&p.URLPath, d.URLPath}, {&p.TitlePath, d.TitlePath},
		{&p.DatePath, d.DatePath}, {&p.TotalPath, d.TotalPath},
	} {
		if *f.dst == "" {
			*f.dst = f.def
		}
	}
	return p
}

func firstRequest(p Profile, columnURL string) Request {
	return pageRequest(withDefaults(p), columnURL, 1)
}

// pageRequest is the request for list page n that a profile describes:
// the API template, else PageURL for pages after the first, else the
// column URL; a POST with the profile's form or body when it says so.
// base resolves relative templates (the column URL, or the page before).
func pageRequest(p Profile, base string, n int) Request {
	r := Request{Method: "GET", URL: base, Page: n}
	switch {
	case p.API != "" && (p.Family == FamilyJSON || p.Family == FamilyAuto):
		r.URL = apiURL(p, base, n)
	case p.PageURL != "" && n > 1:
		r.URL = resolveTemplate(base, fillPage(p, p.PageURL, n))
	}
	if !strings.EqualFold(p.Method, "POST") {
		return r
	}
	r.Method = "POST"
	if p.Body != "" {
		r.Body = fillPage(p, p.Body, n)
		return r
	}
	r.Form, _ = url.ParseQuery(fillPage(p, p.Form, n))
	return r
}

// templatePaging reports whether a profile pages by template rather than
// by what each page says: a page URL template, or a POSTed form or body
// carrying {page}.
func templatePaging(p Profile) bool {
	if p.PageURL != "" {
		return true
	}
	if !strings.EqualFold(p.Method, "POST") || p.API != "" {
		return false
	}
	return strings.Contains(p.Body, "{page") || strings.Contains(p.Form, "{page")
}

// fillPage fills {page}, {page0} and {size} in a template.
func fillPage(p Profile, s string, n int) string {
	return strings.NewReplacer("{page0}", strconv.Itoa(n-1), "{page}", strconv.Itoa(n), "{size}", strconv.Itoa(pageSize(p))).Replace(s)
}

func resolveTemplate(base, s string) string {
	if b := parseBase(base); b != nil {
		if u, err := url.Parse(s); err == nil {
			return b.ResolveReference(u).String()
		}
	}
	return s
}

// apiURL fills the API template for one page, resolved against the column
// URL so that a template may be a path on the column's host.
func apiURL(p Profile, columnURL string, page int) string {
	s := fillPage(p, p.API, page)
	if base := parseBase(columnURL); base != nil && columnURL != "" {
		if u, err := url.Parse(s); err == nil {
			return base.ResolveReference(u).String()
		}
	}
	return s
}

// defaultPageSize is used for {size} when a profile names none.
const defaultPageSize = 20

func pageSize(p Profile) int {
	if p.PageSize > 0 {
		return p.PageSize
	}
	return defaultPageSize
}
