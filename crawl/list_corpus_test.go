package crawl

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/crawl/sitefarm/corpus"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// TestListCorpus crawls every list structure of the corpus as a user would
// configure it — the column's URL only, profile auto — with the same code
// `gongkai crawl` runs, and checks the landing records: the exact item set
// (no chrome link), each item's full list title, its date as the list
// shows it (none for an undated list) and its 发布日期, and the column's
// verdict. A structure the catalogue names as an exception is crawled
// again with its documented profile, which must be exact, and auto must
// still fall short on it — except where only a browser can read it and a
// browser is installed: then auto, rendering, is exact.
func TestListCorpus(t *testing.T) {
	sts, err := corpus.Load()
	if err != nil {
		t.Fatal(err)
	}
	bases := map[string]string{}
	for _, s := range sts {
		srv := httptest.NewServer(s)
		t.Cleanup(srv.Close)
		bases[s.Name] = srv.URL
	}
	browser := browserAvailable()
	auto := crawlLists(t, sts, bases, false)
	var exceptions []*corpus.Structure
	for _, s := range sts {
		if s.Auto != "exact" {
			exceptions = append(exceptions, s)
		}
	}
	prof := crawlLists(t, exceptions, bases, true)
	for _, s := range sts {
		t.Run(s.Name, func(t *testing.T) {
			want := wantItems(s, bases[s.Name])
			col := auto.columns[listUnitID(s)]
			diff := cmp.Diff(want, gotItems(auto.items[listUnitID(s)]))
			if s.Auto != "exact" {
				if d := cmp.Diff(want, gotItems(prof.items[listUnitID(s)])); d != "" {
					t.Errorf("profile %s: items (-truth +crawl):\n%s", s.Profile, d)
				}
			}
			switch {
			case s.Auto == "exact" || (s.Browser && browser):
				if diff != "" {
					t.Errorf("auto (%s; %s): items (-truth +crawl):\n%s", s.Markup, s.Pager, diff)
				}
				wantVerdict := domain.VerdictComplete
				if s.Count == 0 {
					wantVerdict = domain.VerdictEmpty
				}
				if col.Verdict != wantVerdict {
					t.Errorf("auto: verdict %q (%s), want %q", col.Verdict, col.VerdictReason, wantVerdict)
				}
				if s.Browser && !col.Rendered {
					t.Errorf("auto read a script-built list without rendering it")
				}
			case s.Browser:
				if col.Verdict != domain.VerdictNeedsBrowser {
					t.Errorf("without a browser: verdict %q, want %q", col.Verdict, domain.VerdictNeedsBrowser)
				}
			default:
				if diff == "" {
					t.Errorf("auto is exact, but the catalogue says %q: update the structure file", s.Auto)
				}
			}
		})
	}
}

// listRead is what one crawl of list structures gave, by unit ID.
type listRead struct {
	items   map[string][]landing.Item
	columns map[string]landing.Column
}

func listUnitID(s *corpus.Structure) string { return "l-" + strings.ReplaceAll(s.Name, "_", "-") }

// crawlLists crawls structures in one run, each a unit with one column:
// its URL only, or with its documented profile.
func crawlLists(t *testing.T, sts []*corpus.Structure, bases map[string]string, withProfile bool) listRead {
	t.Helper()
	// The timeout bounds a browser's start and page load too, which take
	// seconds on a busy machine; it is a bound, never waited out.
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 4, Units: 8, Timeout: config.NewDuration(30 * time.Second),
		Retries: 1, MaxBody: 8 << 20, MaxPages: 50, Overlap: 3, AllowPrivate: true,
	}, Profiles: map[string]config.Profile{}}
	var ids []string
	for _, s := range sts {
		id := listUnitID(s)
		ids = append(ids, id)
		col := config.Column{ID: "c", Name: "通知公告", URL: bases[s.Name] + s.Column}
		if withProfile {
			var p extract.Profile
			if err := json.Unmarshal([]byte(s.Profile), &p); err != nil {
				t.Fatalf("%s: profile %s: %v", s.Name, s.Profile, err)
			}
			cfg.Profiles[id] = configProfile(p)
			col.Profile = id
		}
		cfg.Units = append(cfg.Units, config.Unit{ID: id, Name: s.Name, Kind: "部门", Columns: []config.Column{col}})
	}
	asOf := corpus.Newest.AddDate(0, 0, 7)
	res := runCrawl(t, testOptions(t, cfg, testRoot(t), asOf))
	sort.Strings(ids)
	out := listRead{items: map[string][]landing.Item{}, columns: map[string]landing.Column{}}
	for _, id := range ids {
		r := readRecords(t, res.Run, []string{id})
		out.items[id] = r.items
		for _, c := range r.columns {
			out.columns[id] = c
		}
	}
	return out
}

// configProfile is an extract profile as a user writes it in the
// configuration.
func configProfile(p extract.Profile) config.Profile {
	return config.Profile{Family: p.Family, Item: p.Item, Link: p.Link, Title: p.Title, Date: p.Date, Next: p.Next,
		API: p.API, ItemsPath: p.ItemsPath, URLPath: p.URLPath, TitlePath: p.TitlePath, DatePath: p.DatePath,
		TotalPath: p.TotalPath, PageSize: p.PageSize, PageURL: p.PageURL, Method: p.Method, Form: p.Form, Body: p.Body,
		HTMLPath: p.HTMLPath, DetailURL: p.DetailURL, DateFormat: p.DateFormat, Render: p.Render}
}

// wantItems is a structure's truth as the table compares it: canonical
// URL, full title, the date the list shows ("" for an undated list) and
// the 发布日期.
func wantItems(s *corpus.Structure, base string) []string {
	b, _ := url.Parse(base + s.Column)
	var out []string
	for _, it := range s.Items {
		h, _ := url.Parse(it.Href)
		listed := ""
		if s.Dated {
			listed = it.Date.Format("2006-01-02")
		}
		out = append(out, fmt.Sprintf("%s | %s | list %s | published %s", canonical(b.ResolveReference(h).String()),
			it.Title, listed, it.Date.Format("2006-01-02")))
	}
	sort.Strings(out)
	return out
}

func gotItems(items []landing.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s | %s | list %s | published %s", it.CanonicalURL, it.ListTitle, it.ListDate.Value, it.Published.Value))
	}
	sort.Strings(out)
	return out
}

// TestListCorpusWithoutBrowser crawls the structures only a browser can
// read on a machine without one: each is reported as needing a browser,
// never as empty or complete.
func TestListCorpusWithoutBrowser(t *testing.T) {
	sts, err := corpus.Load()
	if err != nil {
		t.Fatal(err)
	}
	saved := browserAvailable
	browserAvailable = func() bool { return false }
	defer func() { browserAvailable = saved }()
	bases := map[string]string{}
	var scripted []*corpus.Structure
	for _, s := range sts {
		if !s.Browser {
			continue
		}
		srv := httptest.NewServer(s)
		t.Cleanup(srv.Close)
		bases[s.Name] = srv.URL
		scripted = append(scripted, s)
	}
	if len(scripted) < 8 {
		t.Fatalf("%d structures need a browser, want at least 8", len(scripted))
	}
	read := crawlLists(t, scripted, bases, false)
	for _, s := range scripted {
		col := read.columns[listUnitID(s)]
		if col.Verdict != domain.VerdictNeedsBrowser || len(read.items[listUnitID(s)]) != 0 {
			t.Errorf("%s without a browser: verdict %q (%s), %d items; want %q and none", s.Name, col.Verdict, col.VerdictReason,
				len(read.items[listUnitID(s)]), domain.VerdictNeedsBrowser)
		}
	}
}
