package extract

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// jsonList extracts one answer of a JSON list API.
func jsonList(p Profile, req Request, body string, ref time.Time) (ListResult, error) {
	if !looksLikeJSON(body) {
		return ListResult{}, fmt.Errorf("json list %s: answer is not json", req.URL)
	}
	v, err := decodeJSON(body)
	if err != nil {
		return ListResult{}, fmt.Errorf("json list %s: %w", req.URL, err)
	}
	base := parseBase(req.URL)
	var res ListResult
	var rows []any
	if p.HTMLPath != "" {
		frag, ok := lookupString(v, p.HTMLPath)
		if !ok {
			return ListResult{}, fmt.Errorf("json list %s: no html at %s", req.URL, p.HTMLPath)
		}
		groups := listGroups(parseHTML(frag).Get(0), base, ref)
		res.Items = rowItems(bestRows(groups))
		for range res.Items {
			rows = append(rows, nil)
		}
	} else {
		rows, _, err = firstArray(v, p.ItemsPath)
		if err != nil {
			return ListResult{}, fmt.Errorf("json list %s: %w", req.URL, err)
		}
	}
	for _, row := range rows {
		if row == nil {
			continue
		}
		link, _ := lookupString(row, p.URLPath)
		if link == "" && p.DetailURL != "" {
			link = rowTemplate(p.DetailURL, row)
		}
		u := resolve(base, link)
		if u == "" {
			continue
		}
		title, _ := lookupString(row, p.TitlePath)
		var d Date
		if x, ok := lookup(row, p.DatePath); ok {
			d = parseDateAs(jsonDateText(x), p.DateFormat, ref)
		}
		res.Items = append(res.Items, ListItem{URL: u, Title: clean(stripTags(title)), Date: d})
	}

	size := jsonPageSize(p, req, v, len(rows))
	total, haveTotal := lookupInt(v, p.TotalPath)
	if haveTotal {
		res.TotalRecords = total
		if size > 0 {
			res.TotalPages = (total + size - 1) / size
		}
	}
	more := haveTotal && size > 0 && req.Page*size < total
	if !haveTotal {
		// Without a total, a full page means there may be another.
		more = size > 0 && len(rows) >= size
	}
	res.PagerSeen = haveTotal
	res.LastPage = haveTotal && size > 0 && req.Page*size >= total
	if more {
		if p.API != "" {
			res.Next = []Request{pageRequest(p, req.URL, req.Page+1)}
		} else {
			res.Next = []Request{nextPageRequest(req, req.Page+1)}
		}
	}
	return res, nil
}

// rowTemplate fills {field} placeholders from a JSON row: "/detail?id={id}".
func rowTemplate(tmpl string, row any) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(tmpl[i+1:], '}')
		}
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		v, _ := lookupString(row, tmpl[i+1:i+1+j])
		b.WriteString(url.PathEscape(v))
		tmpl = tmpl[i+j+2:]
	}
}

// jsonPageSize is the page size the answer was cut to: as the answer states
// it, else as the request asked for it, else the profile's, else the number
// of rows this page held.
func jsonPageSize(p Profile, req Request, answer any, rows int) int {
	for _, path := range []string{"data.pageSize", "pageSize", "data.size", "data.perPage", "data.limit", "size"} {
		if n, ok := lookupInt(answer, path); ok && n > 0 {
			return n
		}
	}
	if u := parseBase(req.URL); u != nil {
		q := u.Query()
		for _, k := range []string{"pageSize", "pagesize", "page_size", "size", "rows", "limit", "perPage", "perpage"} {
			if n := atoi(q.Get(k)); n > 0 {
				return n
			}
		}
	}
	if p.PageSize > 0 {
		return p.PageSize
	}
	return rows
}

// withPageParam sets the page number parameter of a URL, whatever it is
// called, adding "page" when there is none.
func withPageParam(raw string, page int) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for _, k := range pageFieldNames {
		if q.Has(k) {
			u.RawQuery = encodeQueryKeepOrder(u.RawQuery, k, strconv.Itoa(page))
			return u.String()
		}
	}
	if u.RawQuery != "" {
		u.RawQuery += "&"
	}
	u.RawQuery += "page=" + strconv.Itoa(page)
	return u.String()
}

// encodeQueryKeepOrder replaces the value of key in a raw query without
// reordering the other parameters, so URLs stay recognisable in logs.
func encodeQueryKeepOrder(raw, key, value string) string {
	parts := strings.Split(raw, "&")
	for i, part := range parts {
		k, _, _ := strings.Cut(part, "=")
		if uk, err := url.QueryUnescape(k); err == nil && uk == key {
			parts[i] = k + "=" + url.QueryEscape(value)
		}
	}
	return strings.Join(parts, "&")
}
