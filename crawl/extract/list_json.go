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
	rows, _, err := firstArray(v, p.ItemsPath)
	if err != nil {
		return ListResult{}, fmt.Errorf("json list %s: %w", req.URL, err)
	}
	base := parseBase(req.URL)
	var res ListResult
	for _, row := range rows {
		link, _ := lookupString(row, p.URLPath)
		u := resolve(base, link)
		if u == "" {
			continue
		}
		title, _ := lookupString(row, p.TitlePath)
		var d Date
		if x, ok := lookup(row, p.DatePath); ok {
			d = ParseDate(jsonDateText(x), ref)
		}
		res.Items = append(res.Items, ListItem{URL: u, Title: clean(title), Date: d})
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
	if more {
		res.Next = []Request{{Method: "GET", URL: nextAPIURL(p, req), Page: req.Page + 1}}
	}
	return res, nil
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

// nextAPIURL is the API URL of the next page: the profile's template when
// it has one, else the request URL with its page parameter advanced.
func nextAPIURL(p Profile, req Request) string {
	if p.API != "" {
		return apiURL(p, req.URL, req.Page+1)
	}
	return withPageParam(req.URL, req.Page+1)
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
