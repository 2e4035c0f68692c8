package crawl

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/crawl/sitefarm/corpus/mailboxes"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/landing"
)

// TestMailboxCorpus crawls every mailbox structure of the corpus with only
// its URL configured (format auto) and checks the exact letter set: titles,
// 来信 and 回复 dates, statuses, 办理单位 and what each replied letter shows.
func TestMailboxCorpus(t *testing.T) {
	srv, err := mailboxes.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// Every structure with only its URL; then each exception with its
	// documented profile.
	auto := crawlCorpus(t, srv, srv.Structures, false)
	browser := browserAvailable()
	var exceptions []*mailboxes.Structure
	for _, st := range srv.Structures {
		id := corpusID(st)
		exact := cmp.Diff(wantLetters(st), gotLetters(auto.letters[id])) == ""
		wantPages := st.Pages() + boolInt(st.API != "")
		if st.Browser {
			wantPages = 1 // the static page; the browser reads the rest
		}
		pages := auto.columns[id].Pages == wantPages
		t.Run(st.Name+"/auto", func(t *testing.T) {
			if st.Browser {
				c := auto.columns[id]
				if !browser {
					if c.Verdict != domain.VerdictNeedsBrowser {
						t.Errorf("without a browser: verdict %q, want %q", c.Verdict, domain.VerdictNeedsBrowser)
					}
					t.Skip("chromium is not installed (apt-get install chromium): the script-built mailbox is checked as needs_browser only")
				}
				if !c.Rendered || c.Verdict != domain.VerdictComplete {
					t.Errorf("rendered %v, verdict %q (%s); want rendered and complete", c.Rendered, c.Verdict, c.VerdictReason)
				}
			}
			if st.Exception != "" {
				if exact {
					t.Errorf("%s: read exactly with auto, but the corpus says it cannot be (%s)", st.Name, st.Exception)
				}
				return
			}
			if d := cmp.Diff(wantLetters(st), gotLetters(auto.letters[id])); d != "" {
				t.Errorf("%s (%s; %s): letters (-truth +crawl):\n%s", st.Name, st.Markup, st.Pager, d)
			}
			if !pages {
				t.Errorf("%s: %d list pages read, want %d", st.Name, auto.columns[id].Pages, wantPages)
			}
			if c := auto.columns[id]; c.Verdict != domain.VerdictComplete {
				t.Errorf("%s: verdict %q (%s), want complete", st.Name, c.Verdict, c.VerdictReason)
			}
			if st.Detail == "" {
				// The rows are the published letters: their text and
				// reply come from the rows.
				for _, l := range auto.letters[id] {
					if l.Content == "" || (l.Status == landing.StatusReplied && l.Reply == "") {
						t.Errorf("%s: letter %q: content %q, reply %q; want both from the row", st.Name, l.Title, l.Content, l.Reply)
					}
				}
			}
		})
		if st.Exception != "" {
			exceptions = append(exceptions, st)
		}
	}
	if len(exceptions) == 0 {
		return
	}
	prof := crawlCorpus(t, srv, exceptions, true)
	for _, st := range exceptions {
		id := corpusID(st)
		t.Run(st.Name+"/profile", func(t *testing.T) {
			if d := cmp.Diff(wantLetters(st), gotLetters(prof.letters[id])); d != "" {
				t.Errorf("%s with its profile %+v: letters (-truth +crawl):\n%s", st.Name, st.Profile, d)
			}
		})
	}
}

// corpusRead is what one crawl of corpus structures gave, by mailbox ID.
type corpusRead struct {
	letters map[string][]landing.Letter
	columns map[string]landing.Column
}

func corpusID(st *mailboxes.Structure) string { return strings.ReplaceAll(st.Name, "_", "-") + "-mb" }

// crawlCorpus crawls structures, each as one unit with one mailbox: only
// its URL, or with its documented profile too.
func crawlCorpus(t *testing.T, srv *mailboxes.Server, sts []*mailboxes.Structure, withProfile bool) corpusRead {
	t.Helper()
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 4, Units: 4, Timeout: config.NewDuration(10 * time.Second),
		Retries: 1, MaxBody: 8 << 20, MaxPages: 50, Overlap: 3, AllowPrivate: true,
	}}
	var ids []string
	for _, st := range sts {
		id := strings.ReplaceAll(st.Name, "_", "-")
		ids = append(ids, id)
		mb := config.Mailbox{ID: corpusID(st), Name: "信箱", URL: srv.URL(st)}
		if withProfile {
			p := st.Profile
			mb.Rows, mb.API, mb.Method, mb.Form, mb.PageSize, mb.Detail, mb.Token = p.Rows, p.API, p.Method, p.Form, p.PageSize, p.Detail, p.Token
		}
		cfg.Units = append(cfg.Units, config.Unit{ID: id, Name: st.Name, Kind: "部门", Mailboxes: []config.Mailbox{mb}})
	}
	asOf := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	res := runCrawl(t, testOptions(t, cfg, testRoot(t), asOf))
	sort.Strings(ids)
	r := readRecords(t, res.Run, ids)
	out := corpusRead{letters: map[string][]landing.Letter{}, columns: map[string]landing.Column{}}
	for _, l := range r.letters {
		out.letters[l.MailboxID] = append(out.letters[l.MailboxID], l)
	}
	for _, c := range r.columns {
		out.columns[c.ColumnID] = c
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// letterRow is what the table test compares for one letter.
type letterRow struct {
	Title, Received, Replied, Status, Handler string
	ShowsReplyTime, ShowsHandler, ShowsReply  bool
}

func wantLetters(st *mailboxes.Structure) []string {
	var out []string
	for _, l := range st.Letters {
		w := letterRow{Title: l.Title, Received: day(l.ReceivedTime()), Status: extract.NormalizeStatus(l.Status)}
		if l.IsReplied() && (st.Shown("replied") || st.ListShown("replied")) {
			w.Replied = day(l.RepliedTime())
		}
		if st.ListShown("handler") || (l.IsReplied() && st.Shown("handler")) {
			w.Handler = l.Handler
		}
		shown := st.Shown
		if st.Detail == "" {
			// No letter pages: what the rows show is what is published.
			shown = st.ListShown
		}
		if l.IsReplied() {
			w.ShowsReplyTime, w.ShowsHandler, w.ShowsReply = shown("replied"), shown("handler"), shown("reply")
		}
		out = append(out, fmt.Sprintf("%+v", w))
	}
	sort.Strings(out)
	return out
}

func gotLetters(ls []landing.Letter) []string {
	var out []string
	for _, l := range ls {
		g := letterRow{Title: l.Title, Received: l.Received.Value, Replied: l.Replied.Value, Status: l.Status, Handler: l.Handler}
		if l.Status == landing.StatusReplied {
			g.ShowsReplyTime, g.ShowsHandler, g.ShowsReply = l.ShowsReplyTime, l.ShowsHandler, l.ShowsReplyContent
		}
		out = append(out, fmt.Sprintf("%+v", g))
	}
	sort.Strings(out)
	return out
}

// TestUnlinkedLettersAcrossRuns crawls a mailbox whose rows have neither
// 编号 nor link twice and loads both runs: every letter is collected once
// per run under the same key, and the store holds each letter once.
func TestUnlinkedLettersAcrossRuns(t *testing.T) {
	srv, err := mailboxes.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var st *mailboxes.Structure
	for _, s := range srv.Structures {
		if s.Name == "x-county-nolink" {
			st = s
		}
	}
	if st == nil {
		t.Fatal("corpus has no x-county-nolink structure")
	}
	for _, l := range st.Letters {
		if l.No != "" {
			t.Fatalf("letter %d has a number; the structure must show none", l.ID)
		}
	}
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 4, Units: 1, Timeout: config.NewDuration(10 * time.Second),
		Retries: 1, MaxBody: 8 << 20, MaxPages: 50, Overlap: 3, AllowPrivate: true,
	}}
	cfg.Units = []config.Unit{{ID: "county", Name: "某某县", Kind: "部门",
		Mailboxes: []config.Mailbox{{ID: "xzxx", Name: "县长信箱", URL: srv.URL(st)}}}}
	root := testRoot(t)
	ctx := context.Background()
	store, err := etl.Open(ctx, filepath.Join(t.TempDir(), "g.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var keys [][]string
	for i, asOf := range []time.Time{time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)} {
		res := runCrawl(t, testOptions(t, cfg, root, asOf))
		r := readRecords(t, res.Run, []string{"county"})
		if d := cmp.Diff(wantLetters(st), gotLetters(r.letters)); d != "" {
			t.Fatalf("run %d: letters (-truth +crawl):\n%s", i+1, d)
		}
		var ks []string
		for _, l := range r.letters {
			ks = append(ks, l.Key)
		}
		sort.Strings(ks)
		keys = append(keys, ks)
		if _, err := store.LoadRun(ctx, res.Run, etl.LoadOptions{Logger: testLogger(t), Now: func() time.Time { return asOf }}); err != nil {
			t.Fatalf("load run %d: %v", i+1, err)
		}
	}
	if d := cmp.Diff(keys[0], keys[1]); d != "" {
		t.Errorf("letter keys changed between runs (-first +second):\n%s", d)
	}
	var letters, obs int
	db := store.DB()
	if err := db.QueryRow(`SELECT count(*) FROM letters WHERE unit_id = 'county'`).Scan(&letters); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM letter_observations WHERE unit_id = 'county'`).Scan(&obs); err != nil {
		t.Fatal(err)
	}
	if letters != len(st.Letters) || obs != 2*len(st.Letters) {
		t.Errorf("store: %d letters and %d observations, want %d and %d", letters, obs, len(st.Letters), 2*len(st.Letters))
	}
}

func TestLetterKey(t *testing.T) {
	ref := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	row := func(no, title, received string) extract.Letter {
		return extract.Letter{No: no, Title: title, Received: extract.ParseDate(received, ref)}
	}
	page := map[string]int{}
	got := []string{
		letterKey(row("XA001", "甲", "2026-11-02"), "http://a/1", page),
		letterKey(row("", "甲", "2026-11-02"), "http://a/1", page),
		letterKey(row("", "乙", "2026-11-02 08:30"), "", page),
		letterKey(row("", "乙", "2026-11-02 08:30"), "", page),
		letterKey(row("", "乙", "2026-11-03"), "", page),
		letterKey(row("", "", "2026-11-03"), "", page),
		letterKey(row("", "丙", ""), "", page),
	}
	want := []string{"XA001", "http://a/1", "乙 @ 2026-11-02 08:30:00", "乙 @ 2026-11-02 08:30:00 #2", "乙 @ 2026-11-03", "", ""}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
}

// crawlOne crawls one mailbox structure as a unit with only its URL.
func crawlOne(t *testing.T, srv *mailboxes.Server, name string) (records, *landing.Run, *mailboxes.Structure) {
	t.Helper()
	var st *mailboxes.Structure
	for _, s := range srv.Structures {
		if s.Name == name {
			st = s
		}
	}
	if st == nil {
		t.Fatalf("corpus has no %s structure", name)
	}
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 2, Units: 1, Timeout: config.NewDuration(10 * time.Second),
		Retries: 1, MaxBody: 8 << 20, MaxPages: 50, Overlap: 3, AllowPrivate: true,
	}}
	cfg.Units = []config.Unit{{ID: "u", Name: "某市", Kind: "部门", Mailboxes: []config.Mailbox{{ID: "mb", Name: "领导信箱", URL: srv.URL(st)}}}}
	res := runCrawl(t, testOptions(t, cfg, testRoot(t), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)))
	return readRecords(t, res.Run, []string{"u"}), res.Run, st
}

// TestScriptMailboxRenderedSnapshots reads a mailbox whose rows a script
// writes: the browser's DOM of each list page is stored as a snapshot
// marked rendered, holding the rows that page listed, and each letter
// points to the snapshot of the page that listed it.
func TestScriptMailboxRenderedSnapshots(t *testing.T) {
	if !browserAvailable() {
		t.Skip("chromium is not installed (apt-get install chromium); rendering test skipped")
	}
	srv, err := mailboxes.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r, run, st := crawlOne(t, srv, "x-script-rows")
	if d := cmp.Diff(wantLetters(st), gotLetters(r.letters)); d != "" {
		t.Fatalf("letters (-truth +crawl):\n%s", d)
	}
	snaps := landing.SnapshotStore(run.Root)
	rendered := map[string]string{} // sha → DOM
	for _, p := range r.pages {
		if !p.Rendered {
			continue
		}
		if p.Kind != landing.PageMailboxList || p.SHA256 == "" || p.Outcome != landing.OutcomeOK {
			t.Errorf("rendered page record %+v: want a mailbox list page with its snapshot", p)
			continue
		}
		b, err := snaps.Get(p.SHA256)
		if err != nil {
			t.Fatalf("snapshot of rendered %s: %v", p.URL, err)
		}
		rendered[p.SHA256] = string(b)
	}
	if len(rendered) != st.Pages() {
		t.Fatalf("%d rendered snapshots, want one per list page (%d)", len(rendered), st.Pages())
	}
	for _, l := range r.letters {
		dom, ok := rendered[l.ListSHA256]
		if !ok {
			t.Errorf("letter %q: list snapshot %q is not a rendered page", l.Title, l.ListSHA256)
			continue
		}
		if !strings.Contains(dom, l.Title) {
			t.Errorf("letter %q: its rendered list snapshot does not show it", l.Title)
		}
	}
}

// TestScriptMailboxWithoutBrowser: with no browser installed, a mailbox
// whose rows scripts write is needs_browser, never empty.
func TestScriptMailboxWithoutBrowser(t *testing.T) {
	saved := browserAvailable
	browserAvailable = func() bool { return false }
	defer func() { browserAvailable = saved }()
	srv, err := mailboxes.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r, _, _ := crawlOne(t, srv, "x-script-rows")
	if len(r.letters) != 0 || len(r.columns) != 1 {
		t.Fatalf("%d letters, %d sources; want none and one", len(r.letters), len(r.columns))
	}
	c := r.columns[0]
	if c.Verdict != domain.VerdictNeedsBrowser || c.Outcome == landing.OutcomeEmpty || c.Rendered {
		t.Errorf("verdict %q outcome %q rendered %v; want needs_browser, not empty, not rendered", c.Verdict, c.Outcome, c.Rendered)
	}
}

// TestMailboxCookies: cookies a mailbox's page set go back to that host
// only, a cookie cleared by Max-Age<0 is dropped, and a request's own
// headers are kept.
func TestMailboxCookies(t *testing.T) {
	jar := map[string]map[string]string{}
	keepCookies(jar, fetched{URL: "http://a.test/hdjlpt/published", Cookies: []*http.Cookie{
		{Name: "szxx_session", Value: "s1"}, {Name: "XSRF-TOKEN", Value: "x1"}, {Name: "old", Value: "o", MaxAge: -1}}})
	keepCookies(jar, fetched{URL: "http://a.test/other", Cookies: []*http.Cookie{{Name: "old", MaxAge: -1}}})
	got := withCookies(extract.Request{Method: "POST", URL: "http://a.test/hdjlpt/letter/pubList", Header: map[string]string{"X-CSRF-TOKEN": "t"}}, jar)
	want := map[string]string{"X-CSRF-TOKEN": "t", "Cookie": "XSRF-TOKEN=x1; szxx_session=s1"}
	if d := cmp.Diff(want, got.Header); d != "" {
		t.Errorf("same host (-want +got):\n%s", d)
	}
	if other := withCookies(extract.Request{Method: "GET", URL: "http://b.test/hdjlpt/letter/pubList"}, jar); other.Header != nil {
		t.Errorf("another host got headers %v", other.Header)
	}
}
