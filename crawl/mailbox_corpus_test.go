package crawl

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/crawl/sitefarm/corpus/mailboxes"
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
	var exceptions []*mailboxes.Structure
	for _, st := range srv.Structures {
		id := corpusID(st)
		exact := cmp.Diff(wantLetters(st), gotLetters(auto.letters[id])) == ""
		pages := auto.columns[id].Pages == st.Pages()+boolInt(st.API != "")
		t.Run(st.Name+"/auto", func(t *testing.T) {
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
				t.Errorf("%s: %d list pages read, want %d", st.Name, auto.columns[id].Pages, st.Pages()+boolInt(st.API != ""))
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
			mb.Rows, mb.API, mb.Method, mb.Form, mb.PageSize, mb.Detail = p.Rows, p.API, p.Method, p.Form, p.PageSize, p.Detail
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
		if l.IsReplied() {
			w.ShowsReplyTime, w.ShowsHandler, w.ShowsReply = st.Shown("replied"), st.Shown("handler"), st.Shown("reply")
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
