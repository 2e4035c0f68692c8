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
	p = withDefaults(p)
	if p.Family == FamilyJSON && p.API != "" {
		return Request{Method: "GET", URL: apiURL(p, columnURL, 1), Page: 1}
	}
	return Request{Method: "GET", URL: columnURL, Page: 1}
}

// apiURL fills the API template for one page, resolved against the column
// URL so that a template may be a path on the column's host.
func apiURL(p Profile, columnURL string, page int) string {
	s := strings.ReplaceAll(p.API, "{page}", strconv.Itoa(page))
	s = strings.ReplaceAll(s, "{size}", strconv.Itoa(pageSize(p)))
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
