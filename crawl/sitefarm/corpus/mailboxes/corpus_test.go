package mailboxes

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func get(tb testing.TB, u string) (int, string) {
	tb.Helper()
	resp, err := http.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestCorpusServesEveryStructure checks each structure's data and that its
// site serves every list page, nothing past the last, and every letter's
// page.
func TestCorpusServesEveryStructure(t *testing.T) {
	srv, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if len(srv.Structures) < 12 {
		t.Fatalf("%d structures, want at least 12", len(srv.Structures))
	}
	for _, st := range srv.Structures {
		t.Run(st.Name, func(t *testing.T) {
			if st.Site == "" || st.Source == "" || st.Markup == "" || st.Pager == "" {
				t.Errorf("catalogue entry incomplete: site %q source %q markup %q pager %q", st.Site, st.Source, st.Markup, st.Pager)
			}
			if st.Pages() < 2 {
				t.Errorf("%d list pages, want several", st.Pages())
			}
			titles := map[string]bool{}
			for _, l := range st.Letters {
				if titles[l.Title] {
					t.Errorf("title %q twice", l.Title)
				}
				titles[l.Title] = true
				if l.IsReplied() && l.RepliedTime().Before(l.ReceivedTime()) {
					t.Errorf("%q replied before it was received", l.Title)
				}
			}
			base := srv.Base(st)
			if code, body := get(t, srv.URL(st)); code != 200 || body == "" {
				t.Errorf("page 1: %d", code)
			}
			for n := 2; n <= st.Pages()+1 && st.Method != "POST" && st.Page != ""; n++ {
				code, _ := get(t, base+st.PageURL(n))
				if want := map[bool]int{true: 200, false: 404}[n <= st.Pages()]; code != want {
					t.Errorf("page %d: %d, want %d", n, code, want)
				}
			}
			if st.Method == "POST" || st.APIMethod == "POST" {
				path := st.Page
				if st.APIMethod == "POST" {
					path = st.API
				}
				last := st.Pages()
				switch st.PageFrom {
				case "offset":
					last = (st.Pages() - 1) * st.PageSize
				case "record":
					last = (st.Pages()-1)*st.PageSize + 1
				}
				form := url.Values{st.PageField: {strconv.Itoa(last)}}
				if st.Session != "" || st.CSRF != "" {
					// Without the list page's session and token: refused.
					if code := post(t, base+path, form, nil); code != 419 {
						t.Errorf("POST without session or token: %d, want 419", code)
					}
				}
				hdr := http.Header{}
				if st.Session != "" {
					resp, err := http.Get(srv.URL(st))
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					for _, c := range resp.Cookies() {
						hdr.Add("Cookie", c.Name+"="+c.Value)
					}
				}
				if st.CSRF != "" {
					hdr.Set(st.CSRF, st.Token())
				}
				if st.APIBody == "json" {
					// A form asks such an API for nothing; a JSON body does.
					if code := post(t, base+path, form, hdr); code != 404 {
						t.Errorf("POST form to a JSON-body API: %d, want 404", code)
					}
					hdr.Set("Content-Type", "application/json")
					if code := postBody(t, base+path, fmt.Sprintf(`{%q: %d}`, st.PageField, last), hdr); code != 200 {
						t.Errorf("POST JSON page %d: %d", st.Pages(), code)
					}
				} else if code := post(t, base+path, form, hdr); code != 200 {
					t.Errorf("POST page %d: %d", st.Pages(), code)
				}
			}
			if st.Detail == "" {
				if len(st.Shows) > 0 || len(st.ListShows) == 0 {
					t.Errorf("no letter pages: shows %v and list_shows %v; the rows must say what is shown", st.Shows, st.ListShows)
				}
				return
			}
			for _, l := range st.Letters {
				code, body := get(t, base+st.DetailURL(l))
				if st.Encoding == "gbk" {
					b, err := simplifiedchinese.GBK.NewDecoder().String(body)
					if err != nil {
						t.Fatalf("letter %d: not GBK: %v", l.ID, err)
					}
					body = b
				}
				if code != 200 || !strings.Contains(body, l.Title) && !strings.Contains(body, strings.Trim(jsonQuote(l.Title), `"`)) {
					t.Errorf("letter %d: %d, title missing", l.ID, code)
				}
			}
		})
	}
}

// TestMailboxCatalogue checks that every mailbox structure says how well
// it is grounded: a public scraper it was checked against, "not checked:"
// with what was searched, or "a pattern"; that one added from a scraper
// (r-*) names one; and that at least as many are checked as before.
func TestMailboxCatalogue(t *testing.T) {
	all, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range all {
		switch {
		case strings.HasPrefix(s.Source, "not checked"):
			if !strings.Contains(s.Source, "search") && !strings.Contains(s.Source, "RSSHub") {
				t.Errorf("%s: not checked, but the source does not say what was searched: %q", s.Name, s.Source)
			}
			if strings.HasPrefix(s.Name, "r-") {
				t.Errorf("%s: a structure added from a scraper is not checked: %q", s.Name, s.Source)
			}
		case strings.HasPrefix(s.Source, "a pattern"):
			if strings.HasPrefix(s.Name, "r-") {
				t.Errorf("%s: a structure added from a scraper is a pattern: %q", s.Name, s.Source)
			}
		default:
			checked++
		}
	}
	if checked < 8 {
		t.Errorf("%d mailbox structures checked against a public scraper, want at least 8", checked)
	}
}

func post(tb testing.TB, u string, form url.Values, hdr http.Header) int {
	tb.Helper()
	h := hdr.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	return postBody(tb, u, form.Encode(), h)
}

func postBody(tb testing.TB, u, body string, hdr http.Header) int {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func jsonQuote(s string) string {
	q, _ := jsonString(s)
	return q
}
