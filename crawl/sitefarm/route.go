package sitefarm

import (
	"net/url"
	"strconv"
	"strings"
)

// Route kinds.
const (
	rNotFound = iota
	rRobots
	rHome
	rAdmin
	rList  // an HTML list page of a column (TRS, hanweb first group, generic, JSON shell)
	rAPI   // a JSON API page of a column
	rProxy // hanweb dataproxy
	rItem  // an item detail page
	rMail  // an HTML mailbox list page
	rMailAPI
	rLetter
)

type route struct {
	kind      int
	col       *colModel
	page      int // 0-based
	item      *Item
	mail      *mailModel
	letter    *Letter
	faultable bool
}

// route resolves a path with its query, as FaultFor gets it.
func (f *Farm) route(u *unitModel, mode int, pathQuery string) route {
	p, q, _ := strings.Cut(pathQuery, "?")
	form, _ := url.ParseQuery(q)
	return routePath(u, mode, p, form)
}

// routePath resolves a request of unit u in mode; form carries the query
// (and for POST the body) values.
func routePath(u *unitModel, mode int, p string, form url.Values) route {
	switch {
	case p == "/robots.txt":
		return route{kind: rRobots}
	case p == "/" || p == "/index.html":
		return route{kind: rHome}
	case strings.HasPrefix(p, "/admin/"):
		return route{kind: rAdmin}
	case p == "/module/web/jpage/dataproxy.jsp" && u.spec.family == "hanweb":
		rt := route{kind: rProxy, faultable: true}
		rt.col = colByNum(u, form.Get("columnid"))
		return rt
	case p == "/api/content/list" && u.spec.family == "json":
		rt := route{kind: rAPI, faultable: true, col: colByNum(u, form.Get("channelId"))}
		rt.page = atoiDefault(form.Get("pageNo"), 1) - 1
		return rt
	case p == "/api/letters":
		for _, mm := range u.mails {
			if mm.spec.format == "json" {
				return route{kind: rMailAPI, mail: mm, page: atoiDefault(form.Get("page"), 1) - 1, faultable: true}
			}
		}
		return route{}
	}
	dir, file := p[:strings.LastIndexByte(p, '/')+1], p[strings.LastIndexByte(p, '/')+1:]
	if strings.HasPrefix(dir, "/hdjl/") {
		for _, mm := range u.mails {
			if mm.spec.format == "html" && dir == "/hdjl/"+mm.spec.slug+"/" && file == "index.html" {
				return route{kind: rMail, mail: mm, page: atoiDefault(form.Get("page"), 1) - 1, faultable: true}
			}
		}
		if id, ok := strings.CutPrefix(file, "letter_"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(id, ".html"))
			for _, mm := range u.mails {
				if dir == "/hdjl/"+mm.spec.slug+"/" && n > 0 && n < len(mm.byID[mode]) && mm.byID[mode][n] != nil {
					return route{kind: rLetter, mail: mm, letter: mm.byID[mode][n], faultable: true}
				}
			}
		}
		return route{}
	}
	for _, c := range u.cols {
		if c.dir != dir {
			continue
		}
		if page, ok := listPage(u.spec, file, form); ok {
			return route{kind: rList, col: c, page: page, faultable: true}
		}
	}
	if it := itemByPath(u, p); it != nil && u.present(it, mode) {
		return route{kind: rItem, item: it, faultable: true}
	}
	return route{}
}

// listPage maps a list file name (and ?page=) to a 0-based page number.
func listPage(s unitSpec, file string, form url.Values) (int, bool) {
	switch s.family {
	case "trs":
		if file == "" || file == "index.html" {
			return 0, true
		}
		if n, ok := strings.CutPrefix(file, "index_"); ok {
			k, err := strconv.Atoi(strings.TrimSuffix(n, ".html"))
			return k, err == nil && k > 0
		}
	case "hanweb", "json":
		return 0, file == "index.html"
	default:
		if file == "list.html" {
			return atoiDefault(form.Get("page"), 1) - 1, true
		}
		if n, ok := strings.CutPrefix(file, "list_"); ok {
			k, err := strconv.Atoi(strings.TrimSuffix(n, ".html"))
			return k - 1, err == nil && k > 1
		}
	}
	return 0, false
}

// itemByPath finds an item from the number its URL ends with.
func itemByPath(u *unitModel, p string) *Item {
	s, ok := strings.CutSuffix(p, ".html")
	if !ok {
		return nil
	}
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	id, err := strconv.Atoi(s[i:])
	if err != nil {
		return nil
	}
	k := id - u.idBase
	if k < 0 || k >= len(u.byID) || u.byID[k].path != p {
		return nil
	}
	return u.byID[k]
}

func colByNum(u *unitModel, s string) *colModel {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	for _, c := range u.cols {
		if c.num == n {
			return c
		}
	}
	return nil
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
