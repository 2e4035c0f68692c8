package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm/corpus"
)

var corpusTable = flag.String("corpus-table", "", "write the corpus table (markdown) to this file")

// corpusRef is the crawl moment for the corpus: a week after its newest item.
var corpusRef = corpus.Newest.AddDate(0, 0, 7).Add(10 * time.Hour)

// TestCorpusLists reads every list structure of the corpus with the auto
// profile and only its URL, through every page its pagers lead to, served on
// 127.0.0.1, and asserts the exact item set, full titles and dates (from the
// detail page where the list shows none), with no chrome link counted. A
// structure documented as an exception is read with its profile instead,
// and auto must still fall short on it, so the catalogue stays true.
func TestCorpusLists(t *testing.T) {
	structures, err := corpus.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(structures) < 40 {
		t.Errorf("corpus has %d list structures, want at least 40", len(structures))
	}
	var rows []string
	for _, s := range structures {
		t.Run(s.Name, func(t *testing.T) {
			srv := httptest.NewServer(s)
			defer srv.Close()
			autoDiff, ev := readCorpus(t, srv, s, Profile{Name: FamilyAuto, Family: FamilyAuto})
			checkEvidence(t, s, ev)
			row := fmt.Sprintf("| `%s` | %s | %s | %s | %s | ", s.Name, s.Site, s.Source, s.Markup, s.Pager)
			if s.Auto == "exact" {
				if autoDiff != "" {
					t.Errorf("auto is not exact:\n%s", autoDiff)
				}
				row += "yes | — | — |"
				rows = append(rows, row)
				return
			}
			if autoDiff == "" {
				t.Errorf("auto is exact, but the catalogue says %q: update the structure file", s.Auto)
			}
			var p Profile
			if err := json.Unmarshal([]byte(s.Profile), &p); err != nil {
				t.Fatalf("profile %s: %v", s.Profile, err)
			}
			if d, _ := readCorpus(t, srv, s, p); d != "" {
				t.Errorf("profile %s is not exact:\n%s", s.Profile, d)
			}
			row += "no | yes: `" + s.Profile + "` | " + s.Auto + " |"
			rows = append(rows, row)
		})
	}
	if *corpusTable != "" {
		out := "| structure | modeled on | markup learned from | markup | pager | exact with auto | exact with a profile | why not |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n" + strings.Join(rows, "\n") + "\n"
		if err := os.WriteFile(*corpusTable, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// evidence is what a column's pages said about its completeness.
type evidence struct {
	firstPager, firstBrowser, empty, last bool
	totalRecords                          int
	recognised                            string
}

// checkEvidence asserts that auto's evidence fields tell the truth: a
// stated record count is the real one, a column of several pages shows its
// pager on the first, the last page read knows it is the last where the
// site says so, an empty column says it is, and a script-built list asks
// for a browser.
func checkEvidence(t *testing.T, s *corpus.Structure, ev evidence) {
	t.Helper()
	if ev.totalRecords > 0 && ev.totalRecords != s.Count {
		t.Errorf("total records %d, want %d", ev.totalRecords, s.Count)
	}
	if s.Auto == "exact" && s.Pages() > 1 && !ev.firstPager {
		t.Errorf("first page of %d shows no pager", s.Pages())
	}
	if s.Count == 0 && !ev.empty {
		t.Error("empty column without EmptyNotice")
	}
	if s.Browser != ev.firstBrowser {
		t.Errorf("NeedsBrowser %v on the first page, want %v", ev.firstBrowser, s.Browser)
	}
	if ev.recognised == "" && s.Count > 0 && s.Auto == "exact" {
		t.Error("nothing recognised")
	}
}

// readCorpus reads a structure as the crawler would: the column URL, then
// every request the pages name, one column reader over all of them; it
// returns how the result differs from the truth, "" when exact, and what
// the pages said about the column.
func readCorpus(t *testing.T, srv *httptest.Server, s *corpus.Structure, p Profile) (string, evidence) {
	t.Helper()
	col := NewColumn(p)
	queue := []Request{FirstRequest(p, srv.URL+s.Column)}
	requested := map[string]bool{}
	got := map[string]ListItem{}
	var order []string
	var problems []string
	var ev evidence
	pages := 0
	var held *ListResult
	take := func(items []ListItem) {
		for _, it := range items {
			if _, ok := got[it.URL]; !ok {
				got[it.URL] = it
				order = append(order, it.URL)
			}
		}
	}
	for len(queue) > 0 && pages < 40 {
		req := queue[0]
		queue = queue[1:]
		key := req.Method + " " + req.URL + " " + req.Form.Encode() + " " + req.Body
		if requested[key] {
			continue
		}
		requested[key] = true
		body, err := fetchCorpus(srv, req)
		if err != nil {
			problems = append(problems, err.Error())
			break
		}
		pages++
		res, err := col.Page(req, body, corpusRef)
		if err != nil {
			problems = append(problems, "extract: "+err.Error())
			break
		}
		if pages == 1 {
			ev.firstPager, ev.firstBrowser, ev.recognised = res.PagerSeen, res.NeedsBrowser, res.Recognised
		}
		ev.empty = ev.empty || res.EmptyNotice
		ev.totalRecords = max(ev.totalRecords, res.TotalRecords)
		ev.last = res.LastPage
		queue = append(queue, res.Next...)
		// As the crawler does: page 1's items wait for page 2 when page 2
		// may show they were chrome.
		if pages == 1 && len(res.Next) > 0 && col.Revisable() {
			held = &res
			continue
		}
		if held != nil {
			if first, ok := col.Revised(); ok {
				held.Items = first.Items
			}
			take(held.Items)
			held = nil
		}
		take(res.Items)
	}
	if held != nil {
		take(held.Items)
	}
	want := map[string]corpus.Item{}
	base, _ := url.Parse(srv.URL + s.Column)
	for _, it := range s.Items {
		h, _ := url.Parse(it.Href)
		want[base.ResolveReference(h).String()] = it
	}
	for _, u := range order {
		w, ok := want[u]
		if !ok {
			problems = append(problems, "not an item: "+u+" "+got[u].Title)
			continue
		}
		g := got[u]
		if g.Title != w.Title {
			problems = append(problems, fmt.Sprintf("title of %s: got %q want %q", u, g.Title, w.Title))
		}
		d := g.Date
		if !s.Dated {
			if d.OK {
				problems = append(problems, fmt.Sprintf("date of %s: an undated list gave %q", u, d.Raw))
			}
			body, err := fetchCorpus(srv, Request{Method: "GET", URL: u})
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			d = ExtractDetail(u, body, corpusRef).Meta.Published
		}
		if !d.OK || d.Time.Format("2006-01-02") != w.Date.Format("2006-01-02") {
			problems = append(problems, fmt.Sprintf("date of %s: got %q (%v) want %s", u, d.Raw, d.Time.Format("2006-01-02"), w.Date.Format("2006-01-02")))
		}
	}
	var missing []string
	for u := range want {
		if _, ok := got[u]; !ok {
			missing = append(missing, u)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d items missing, e.g. %s (read %d pages)", len(missing), len(want), missing[0], pages))
	}
	if len(problems) > 8 {
		problems = append(problems[:8], fmt.Sprintf("… %d more", len(problems)-8))
	}
	return strings.Join(problems, "\n"), ev
}

func fetchCorpus(srv *httptest.Server, req Request) (string, error) {
	var resp *http.Response
	var err error
	if req.Body != "" {
		resp, err = srv.Client().Post(req.URL, "application/json", strings.NewReader(req.Body))
	} else if strings.EqualFold(req.Method, "POST") {
		resp, err = srv.Client().PostForm(req.URL, req.Form)
	} else {
		resp, err = srv.Client().Get(req.URL)
	}
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s %s: HTTP %d", req.Method, req.URL, resp.StatusCode)
	}
	text, _, err := Decode(b, resp.Header.Get("Content-Type"))
	return text, err
}
