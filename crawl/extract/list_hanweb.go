package extract

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Hanweb jpage columns keep their records as CDATA inside a
// <script type="text/xml"><datastore>, both on the column page and in the
// dataproxy.jsp answers, so they are read from the raw text: an HTML parser
// would see only script text.
var (
	reTotalRecord = regexp.MustCompile(`(?i)<totalrecord>\s*(\d+)\s*</totalrecord>|\btotalRecord\s*[:=]\s*["']?(\d+)`)
	rePerPage     = regexp.MustCompile(`\bperPage\s*[:=]\s*["']?(\d+)`)
	reGroupSize   = regexp.MustCompile(`\bgroupSize\s*[:=]\s*["']?(\d+)`)
	reProxyURL    = regexp.MustCompile(`\bproxyUrl\s*[:=]\s*["']([^"']+)["']`)
	reNextGroup   = regexp.MustCompile(`(?is)<nextgroup>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</nextgroup>`)
	reHref        = regexp.MustCompile(`(?i)href\s*=\s*["']([^"']*)["']`)
	// Form fields the jpage script may also carry in its options.
	reJpageField = regexp.MustCompile(`\b(columnid|unitid|webid|webname|path|permissiontype|sourceContentType|appid|col)\s*:\s*["']?([^"',}\s]*)`)
)

const (
	defaultProxyURL  = "/module/web/jpage/dataproxy.jsp"
	defaultPerPage   = 15
	defaultGroupSize = 3
)

// hanwebList extracts a jpage column page or a dataproxy answer.
func hanwebList(_ Profile, req Request, body string, ref time.Time) (ListResult, error) {
	base := parseBase(req.URL)
	var res ListResult
	lower := asciiLower(body)
	frags, cdata := jpageRecords(body, lower)
	for i, frag := range frags {
		if !cdata[i] && strings.Contains(frag, "&lt;") {
			frag = html.UnescapeString(frag)
		}
		if it, ok := fragmentItem(frag, base, ref); ok {
			res.Items = append(res.Items, it)
		}
	}

	st := hanwebState(req, body, lower)
	if !st.proxyAnswer && len(frags) > 0 && len(frags) < st.end {
		// The page holds fewer records than its script's group: the
		// dataproxy starts after the records the page really holds.
		st.end = len(frags)
	}
	res.TotalRecords = st.total
	if st.total > 0 && st.perPage > 0 {
		res.TotalPages = (st.total + st.perPage - 1) / st.perPage
	}
	if next, ok := st.next(base); ok {
		res.Next = []Request{next}
	}
	return res, nil
}

// fragmentItem reads one record: its link, full title and date.
func fragmentItem(frag string, base *url.URL, ref time.Time) (ListItem, bool) {
	doc := parseHTML(frag)
	body := doc.Find("body")
	if body.Length() == 0 {
		return ListItem{}, false
	}
	links := itemLinks(body.Get(0), base)
	if len(links) == 0 {
		return ListItem{}, false
	}
	a := links[0]
	it := ListItem{URL: resolve(base, attr(a, "href")), Title: linkTitle(a)}
	if d, ok := itemDate(body.Get(0), a, ref); ok {
		it.Date = d
	}
	return it, true
}

// jpage is what is known about a jpage column's paging after one page.
type jpage struct {
	total, perPage, groupSize int
	end                       int  // last record (1-based, inclusive) this page held
	proxyAnswer               bool // the page is a dataproxy answer, not the column page
	proxy                     string
	form                      url.Values
}

func hanwebState(req Request, body, lower string) jpage {
	st := jpage{perPage: defaultPerPage, groupSize: defaultGroupSize, proxy: defaultProxyURL}
	if m := findFrom(reTotalRecord, body, lower, "totalrecord"); m != nil {
		st.total = atoi(m[1] + m[2])
	}
	q := url.Values{}
	if u := parseBase(req.URL); u != nil {
		q = u.Query()
	}
	if strings.EqualFold(req.Method, "POST") || q.Get("startrecord") != "" {
		// A dataproxy answer: the paging is in the request we made.
		start, end := atoi(q.Get("startrecord")), atoi(q.Get("endrecord"))
		if n := atoi(q.Get("perpage")); n > 0 {
			st.perPage = n
		}
		if end >= start && start > 0 {
			st.groupSize = max(1, (end-start+1)/st.perPage)
		}
		st.end = end
		st.proxyAnswer = true
		st.form = req.Form
		if u := parseBase(req.URL); u != nil {
			st.proxy = (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
		}
		return st
	}
	if m := findFrom(rePerPage, body, lower, "perpage"); m != nil && atoi(m[1]) > 0 {
		st.perPage = atoi(m[1])
	}
	if m := findFrom(reGroupSize, body, lower, "groupsize"); m != nil && atoi(m[1]) > 0 {
		st.groupSize = atoi(m[1])
	}
	if m := findFrom(reProxyURL, body, lower, "proxyurl"); m != nil {
		st.proxy = m[1]
	}
	st.end = st.groupSize * st.perPage
	st.form = jpageForm(body, lower)
	return st
}

// jpageForm gathers the dataproxy form fields a column page names: the
// query of the <nextgroup> link, then the jpage options. col and
// sourceContentType are sent by the jpage script itself.
func jpageForm(body, lower string) url.Values {
	form := url.Values{}
	set := func(k, v string) {
		if k == "page" || k == "startrecord" || k == "endrecord" || k == "perpage" || form.Has(k) {
			return
		}
		form.Set(k, v)
	}
	if m := findFrom(reNextGroup, body, lower, "<nextgroup>"); m != nil {
		if h := reHref.FindStringSubmatch(m[1]); h != nil {
			if u, err := url.Parse(html.UnescapeString(h[1])); err == nil {
				for k, vs := range u.Query() {
					if len(vs) > 0 {
						set(k, vs[0])
					}
				}
			}
		}
	}
	for _, m := range reJpageField.FindAllStringSubmatch(body, -1) {
		set(m[1], m[2])
	}
	set("col", "1")
	set("sourceContentType", "1")
	if !form.Has("appid") {
		form.Set("appid", "1")
	}
	return form
}

// next is the POST for the next group of records, or false after the last.
func (st jpage) next(base *url.URL) (Request, bool) {
	if st.total <= 0 || st.end >= st.total || st.end <= 0 {
		return Request{}, false
	}
	group := st.groupSize * st.perPage
	start := st.end + 1
	end := st.end + group
	proxy := resolve(base, st.proxy)
	if proxy == "" {
		return Request{}, false
	}
	u, err := url.Parse(proxy)
	if err != nil {
		return Request{}, false
	}
	u.RawQuery = "startrecord=" + strconv.Itoa(start) + "&endrecord=" + strconv.Itoa(end) +
		"&perpage=" + strconv.Itoa(st.perPage)
	form := url.Values{}
	for k, v := range st.form {
		form[k] = append([]string(nil), v...)
	}
	return Request{Method: "POST", URL: u.String(), Form: form, Page: (start-1)/st.perPage + 1}, true
}
