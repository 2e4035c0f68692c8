package sitefarm

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The walker below reads the farm the way a crawler would, with nothing
// but net/http and regular expressions, so it checks the pages against
// docs/sites.md independently of the crawler's own code.
var (
	reTRSCount    = regexp.MustCompile(`createPageHTML\((\d+),`)
	reTRSVarCount = regexp.MustCompile(`var countPage = (\d+)`)
	reListHref    = regexp.MustCompile(`<li><a href="([^"]+)" title="[^"]*"`)
	reRecordHref  = regexp.MustCompile(`<record><!\[CDATA\[<li><a href="([^"]+)"`)
	reTotalRecord = regexp.MustCompile(`totalRecord: (\d+), perPage: (\d+)`)
	reColumnID    = regexp.MustCompile(`columnid: (\d+), unitid: (\d+)`)
	reNextPage    = regexp.MustCompile(`<a href="([^"]+)">下一页</a>`)
)

// walkColumn returns the detail URLs a column lists, in list order.
func walkColumn(t *testing.T, u *Unit, c *Column) []string {
	t.Helper()
	var got []string
	switch u.Family {
	case "trs":
		status, _, body := get(t, c.URL)
		if status != 200 {
			t.Fatalf("%s: status %d", c.URL, status)
		}
		m := reTRSCount.FindSubmatch(body)
		if m2 := reTRSVarCount.FindSubmatch(body); m2 != nil {
			m = m2
		}
		if m == nil {
			t.Fatalf("%s: no createPageHTML", c.URL)
		}
		pages, _ := strconv.Atoi(string(m[1]))
		dir := c.URL[:strings.LastIndex(c.URL, "/")+1]
		for p := range pages {
			pu := dir + "index.html"
			if p > 0 {
				pu = fmt.Sprintf("%sindex_%d.html", dir, p)
			}
			status, _, body := get(t, pu)
			if status != 200 {
				t.Fatalf("%s: status %d", pu, status)
			}
			for _, m := range reListHref.FindAllSubmatch(body, -1) {
				got = append(got, resolve(t, pu, string(m[1])))
			}
		}
	case "hanweb":
		status, _, body := get(t, c.URL)
		if status != 200 {
			t.Fatalf("%s: status %d", c.URL, status)
		}
		for _, m := range reRecordHref.FindAllSubmatch(body, -1) {
			got = append(got, resolve(t, c.URL, string(m[1])))
		}
		tm := reTotalRecord.FindSubmatch(body)
		cm := reColumnID.FindSubmatch(body)
		if tm == nil || cm == nil {
			t.Fatalf("%s: no jpage call", c.URL)
		}
		total, _ := strconv.Atoi(string(tm[1]))
		per, _ := strconv.Atoi(string(tm[2]))
		for start := len(got) + 1; start <= total; start += 3 * per {
			end := start + 3*per - 1
			pu := fmt.Sprintf("%s/module/web/jpage/dataproxy.jsp?startrecord=%d&endrecord=%d&perpage=%d", u.BaseURL, start, end, per)
			form := url.Values{"col": {"1"}, "appid": {"1"}, "webid": {"1"}, "path": {"/"}, "columnid": {string(cm[1])},
				"sourceContentType": {"1"}, "unitid": {string(cm[2])}, "webname": {u.Name}, "permissiontype": {"0"}}
			status, body := post(t, pu, form)
			if status != 200 {
				t.Fatalf("%s: status %d", pu, status)
			}
			for _, m := range reRecordHref.FindAllSubmatch(body, -1) {
				got = append(got, resolve(t, pu, string(m[1])))
			}
		}
	case "json":
		for page := 1; ; page++ {
			pu := strings.Replace(c.API, "{page}", strconv.Itoa(page), 1)
			status, _, body := get(t, pu)
			if status != 200 {
				t.Fatalf("%s: status %d", pu, status)
			}
			var ans struct {
				Code int
				Data struct {
					Total int
					List  []struct{ URL string }
				}
			}
			if err := json.Unmarshal(body, &ans); err != nil {
				t.Fatalf("%s: %v", pu, err)
			}
			for _, it := range ans.Data.List {
				got = append(got, resolve(t, pu, it.URL))
			}
			if len(ans.Data.List) == 0 || len(got) >= ans.Data.Total {
				break
			}
		}
	case "generic":
		for pu := c.URL; pu != ""; {
			status, _, body := get(t, pu)
			if status != 200 {
				t.Fatalf("%s: status %d", pu, status)
			}
			for _, m := range reListHref.FindAllSubmatch(body, -1) {
				got = append(got, resolve(t, pu, string(m[1])))
			}
			next := ""
			if m := reNextPage.FindSubmatch(body); m != nil {
				next = resolve(t, pu, strings.ReplaceAll(string(m[1]), "&amp;", "&"))
			}
			pu = next
		}
	default:
		t.Fatalf("unknown family %q", u.Family)
	}
	return got
}

func TestEveryItemReachable(t *testing.T) {
	for _, opts := range []Options{{}, {Seed: 5, Units: 16, ItemsPerColumn: 12}} {
		t.Run(fmt.Sprintf("seed=%d,units=%d", opts.Seed, opts.Units), func(t *testing.T) { walkFarm(t, opts) })
	}
}

func walkFarm(t *testing.T, opts Options) {
	f := startFarm(t, opts)
	for _, later := range []bool{false, true} {
		f.SetLater(later)
		truth := f.Truth()
		for _, u := range truth.Units {
			for _, c := range u.Columns {
				if c.Blocked {
					continue
				}
				t.Run(fmt.Sprintf("later=%v/%s/%s", later, u.Family, c.ID), func(t *testing.T) {
					var want []string
					for _, it := range c.Items {
						want = append(want, it.URL)
					}
					got := walkColumn(t, u, c)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("listed URLs (-truth +walk):\n%s", diff)
					}
				})
			}
		}
	}
	f.SetLater(false)
}

func TestDetailPagesServeTheirTruth(t *testing.T) {
	f := startFarm(t, Options{})
	for _, u := range f.Truth().Units {
		if u.Encoding != "utf-8" {
			continue // GBK pages are checked in TestGBKUnits
		}
		t.Run(u.ID, func(t *testing.T) {
			for _, c := range u.Columns {
				for _, it := range c.Items {
					status, _, body := get(t, it.URL)
					if status != 200 {
						t.Fatalf("%s: status %d", it.URL, status)
					}
					page := string(body)
					for _, want := range []string{it.Title, it.IndexNo, it.PublishDate.Format("2006")} {
						if !strings.Contains(page, escHTML(want)) {
							t.Errorf("%s: page lacks %q", it.URL, want)
						}
					}
					for _, l := range it.Links {
						if !strings.Contains(page, strings.TrimPrefix(l, u.BaseURL)) {
							t.Errorf("%s: page lacks link to %s", it.URL, l)
						}
					}
				}
			}
		})
	}
}

func escHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
