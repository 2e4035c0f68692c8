package crawl

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// TestFarmWithFaults crawls the demo farm with a tenth of its list and
// detail URLs failing first (and some detail pages gone for good), and
// checks the landing against the farm's truth and request log.
func TestFarmWithFaults(t *testing.T) {
	f := startFarm(t, sitefarm.Options{Faults: sitefarm.Faults{Rate: 0.1, Kinds: []string{"5xx", "reset", "truncate", "slow", "404"}}})
	tr := f.Truth()
	root := testRoot(t)
	res := runCrawl(t, testOptions(t, farmConfig(tr), root, tr.AsOf))
	if len(res.Failed) != 0 {
		t.Errorf("failed units: %v", res.Failed)
	}
	if !res.Manifest.Complete || res.Manifest.Cutoff != day(tr.AsOf) {
		t.Errorf("manifest complete=%v cutoff=%q, want true %q", res.Manifest.Complete, res.Manifest.Cutoff, day(tr.AsOf))
	}
	r := readRecords(t, res.Run, unitIDs(tr))

	t.Run("items", func(t *testing.T) { checkItems(t, tr, r) })
	t.Run("letters", func(t *testing.T) { checkLetters(t, tr, r) })
	t.Run("columns", func(t *testing.T) { checkColumns(t, tr, r) })
	t.Run("homes", func(t *testing.T) { checkHomes(t, tr, r) })
	t.Run("attempts match the request log", func(t *testing.T) {
		// Every request the farm served is one attempt record with the
		// status it was served, and nothing else was requested. A
		// truncated body is a failed attempt without a status.
		var want, got []string
		faults := map[string]int{}
		for _, q := range f.Requests() {
			st := q.Status
			if q.Fault == "truncate" {
				st = 0
			}
			faults[q.Fault]++
			want = append(want, fmt.Sprintf("%s %s %s %d", q.Unit, q.Method, q.Path, st))
		}
		for _, p := range r.pages {
			if p.Outcome == landing.OutcomeRobots {
				continue
			}
			u, err := url.Parse(p.URL)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%s %s %s %d", p.UnitID, p.Method, u.RequestURI(), p.Status))
		}
		sort.Strings(want)
		sort.Strings(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("attempts differ from the farm's log (-farm +attempts):\n%s", d)
		}
		for _, k := range []string{"5xx", "reset", "truncate", "slow", "404"} {
			if faults[k] == 0 {
				t.Errorf("no %q fault was injected; the test proves nothing about it", k)
			}
		}
	})
	t.Run("robots", func(t *testing.T) {
		for _, q := range f.Requests() {
			if strings.HasPrefix(q.Path, "/admin/") {
				t.Errorf("%s requested %s, disallowed by robots.txt", q.Unit, q.Path)
			}
		}
		robots := 0
		for _, p := range r.pages {
			if p.Kind == landing.PageRobots {
				robots++
			}
		}
		if robots != len(tr.Units) {
			t.Errorf("robots.txt fetched %d times, want once per unit (%d)", robots, len(tr.Units))
		}
	})
	t.Run("snapshots", func(t *testing.T) {
		store := landing.SnapshotStore(root)
		for _, p := range r.pages {
			if (p.Outcome == landing.OutcomeOK || p.Outcome == landing.OutcomeBlocked) != (p.SHA256 != "") {
				t.Errorf("%s %s: outcome %s with sha256 %q", p.Kind, p.URL, p.Outcome, p.SHA256)
			}
		}
		for _, it := range r.items {
			for _, sum := range []string{it.ListSHA256, it.DetailSHA256} {
				if sum == "" {
					continue
				}
				b, err := store.Get(sum)
				if err != nil || landing.Hash(b) != sum {
					t.Errorf("%s: snapshot %s: %v", it.URL, sum, err)
				}
			}
		}
	})
}

// itemKey is a column and a canonical URL.
func itemKey(col, u string) string { return col + " " + canonical(u) }

func checkItems(t *testing.T, tr *sitefarm.Truth, r records) {
	got := map[string][]landing.Item{}
	for _, it := range r.items {
		k := itemKey(it.ColumnID, it.URL)
		got[k] = append(got[k], it)
	}
	want := 0
	for _, u := range tr.Units {
		host := hostOf(u.BaseURL)
		for _, c := range u.Columns {
			if c.Blocked {
				continue
			}
			for _, ti := range c.Items {
				want++
				recs := got[itemKey(c.ID, ti.URL)]
				if len(recs) != 1 {
					t.Errorf("%s %s: %d records, want 1", c.ID, ti.URL, len(recs))
					continue
				}
				it := recs[0]
				if ti.NotFound {
					if it.DetailFetched || !strings.Contains(it.DetailError, "404") {
						t.Errorf("%s: detail 404 recorded as fetched=%v error=%q", ti.URL, it.DetailFetched, it.DetailError)
					}
					continue
				}
				if !it.DetailFetched {
					t.Errorf("%s: detail not fetched: %s", ti.URL, it.DetailError)
					continue
				}
				var wantLinks []string
				for _, l := range ti.Links {
					if hostOf(l) == host {
						wantLinks = append(wantLinks, canonical(l))
					}
				}
				wantRec := []string{ti.Title, day(ti.PublishDate), day(ti.FormedDate), ti.IndexNo, ti.Publisher, ti.DocNo, fmt.Sprint(sorted(wantLinks))}
				gotRec := []string{it.Title, it.Published.Value, it.Formed.Value, it.IndexNo, it.Publisher, it.DocNo, fmt.Sprint(sorted(it.Links))}
				if d := cmp.Diff(wantRec, gotRec); d != "" {
					t.Errorf("%s %s (%s): (-truth +record):\n%s", u.ID, ti.URL, u.Encoding, d)
				}
			}
		}
	}
	if len(r.items) != want {
		t.Errorf("%d item records, want %d", len(r.items), want)
	}
	// GBK pages carry characters outside GB2312; their titles must come
	// through exactly (checked above), and the farm must have some.
	rare := 0
	for _, it := range r.items {
		if strings.ContainsAny(it.Title, "镕堃喆昇") {
			rare++
		}
	}
	if rare == 0 {
		t.Error("no title with a GBK-only character was crawled")
	}
}

func checkLetters(t *testing.T, tr *sitefarm.Truth, r records) {
	got := map[string][]landing.Letter{}
	for _, l := range r.letters {
		got[l.MailboxID+" "+l.Key] = append(got[l.MailboxID+" "+l.Key], l)
	}
	want := 0
	for _, u := range tr.Units {
		for _, mb := range u.Mailboxes {
			for _, tl := range mb.Letters {
				want++
				recs := got[mb.ID+" "+tl.No]
				if len(recs) != 1 {
					t.Errorf("%s %s: %d records, want 1", mb.ID, tl.No, len(recs))
					continue
				}
				l := recs[0]
				replied, handler := "", ""
				if tl.ShowsReplyTime || mb.ListShowsReplied {
					replied = day(tl.Replied)
				}
				if tl.ShowsHandler || mb.ListShowsHandler {
					handler = tl.Handler
				}
				wantRec := []any{tl.Title, tl.Type, tl.TypeRaw, tl.Status, tl.StatusRaw, day(tl.Received), handler, replied,
					tl.ShowsReplyTime, tl.ShowsHandler, tl.ShowsReplyContent, true}
				gotRec := []any{l.Title, l.Type, l.TypeRaw, l.Status, l.StatusRaw, l.Received.Value, l.Handler, l.Replied.Value,
					l.ShowsReplyTime, l.ShowsHandler, l.ShowsReplyContent, l.DetailFetched}
				if d := cmp.Diff(wantRec, gotRec); d != "" {
					t.Errorf("%s %s (%s): (-truth +record):\n%s", mb.ID, tl.No, mb.Format, d)
				}
				if l.Received.Time != "" && l.Received.Time != tl.Received.Format("15:04:05") {
					t.Errorf("%s %s: received time %s, want %s", mb.ID, tl.No, l.Received.Time, tl.Received.Format("15:04:05"))
				}
			}
		}
	}
	if len(r.letters) != want {
		t.Errorf("%d letter records, want %d", len(r.letters), want)
	}
}

func checkColumns(t *testing.T, tr *sitefarm.Truth, r records) {
	got := map[string]landing.Column{}
	for _, c := range r.columns {
		got[c.ColumnID] = c
	}
	for _, u := range tr.Units {
		for _, c := range u.Columns {
			rec, ok := got[c.ID]
			want := landing.OutcomeOK
			switch {
			case c.Blocked:
				want = landing.OutcomeBlocked
			case c.Blank:
				want = landing.OutcomeEmpty
			}
			if !ok || rec.Outcome != want {
				t.Errorf("%s: outcome %q (%s), want %q", c.ID, rec.Outcome, rec.Error, want)
				continue
			}
			wantV, distinct := domain.VerdictComplete, len(c.Items)
			switch {
			case c.Blocked:
				wantV, distinct = domain.VerdictBlocked, 0
			case c.Blank:
				wantV = domain.VerdictEmpty
			}
			if !c.Blocked && !c.Blank && !rec.LastPageSeen {
				t.Errorf("%s: the read of every page is not recorded as reaching the last page by the site's word", c.ID)
			}
			if rec.Verdict != wantV || rec.Distinct != distinct || rec.DetailsFailed != notFound(c) {
				t.Errorf("%s: verdict %q (%s) distinct %d details failed %d, want %q %d %d", c.ID, rec.Verdict, rec.VerdictReason, rec.Distinct, rec.DetailsFailed, wantV, distinct, notFound(c))
			}
			if !c.Blocked && (!rec.Complete || rec.Found != len(c.Items)) {
				t.Errorf("%s: complete=%v found=%d, want true %d", c.ID, rec.Complete, rec.Found, len(c.Items))
			}
			if newest := newestPublished(c, u.Family); rec.Newest != newest {
				t.Errorf("%s: newest %q, want %q", c.ID, rec.Newest, newest)
			}
			wantEnc := "utf-8"
			if u.Encoding == "gbk" {
				wantEnc = "gb18030"
			}
			if !c.Blocked && rec.Encoding != wantEnc {
				t.Errorf("%s: encoding %q, want %q", c.ID, rec.Encoding, wantEnc)
			}
		}
		for _, mb := range u.Mailboxes {
			rec := got[mb.ID]
			if rec.Outcome != landing.OutcomeOK || !rec.Complete || rec.Found != len(mb.Letters) {
				t.Errorf("%s: outcome %q complete=%v found=%d, want ok true %d", mb.ID, rec.Outcome, rec.Complete, rec.Found, len(mb.Letters))
			}
			if rec.Verdict != domain.VerdictComplete || rec.Distinct != len(mb.Letters) {
				t.Errorf("%s: verdict %q (%s) distinct %d, want complete %d", mb.ID, rec.Verdict, rec.VerdictReason, rec.Distinct, len(mb.Letters))
			}
		}
	}
}

// notFound counts a column's items whose detail page is gone for good:
// listed, not verified.
func notFound(c *sitefarm.Column) int {
	n := 0
	for _, it := range c.Items {
		if it.NotFound && !c.Blocked {
			n++
		}
	}
	return n
}

func checkHomes(t *testing.T, tr *sitefarm.Truth, r records) {
	got := map[string]landing.Home{}
	for _, h := range r.homes {
		got[h.UnitID] = h
	}
	for _, u := range tr.Units {
		h, ok := got[u.ID]
		if u.Home == nil {
			if ok {
				t.Errorf("%s: home recorded for a unit without one", u.ID)
			}
			continue
		}
		if u.Home.Fails {
			if h.OK || h.Status != 500 || h.Newest.Value != "" || h.Verdict != domain.VerdictFailed {
				t.Errorf("%s: failing home recorded ok=%v status=%d newest=%q verdict %q", u.ID, h.OK, h.Status, h.Newest.Value, h.Verdict)
			}
			continue
		}
		if h.Verdict != domain.VerdictComplete {
			t.Errorf("%s: home verdict %q, want complete", u.ID, h.Verdict)
		}
		if !h.OK || h.Newest.Value != day(u.Home.NewestDate) || canonical(h.NewestURL) != canonical(u.Home.NewestURL) || h.NewestTitle != u.Home.NewestTitle {
			t.Errorf("%s: home %+v, want newest %s %s %s", u.ID, h, day(u.Home.NewestDate), u.Home.NewestURL, u.Home.NewestTitle)
		}
	}
}

// newestPublished is the newest 发布日期 of a column's items whose detail
// page the crawl can read, else the newest list date.
func newestPublished(c *sitefarm.Column, family string) string {
	newest := ""
	if c.Blocked {
		return newest
	}
	listed := ""
	for _, it := range c.Items {
		if it.NotFound {
			listed = max(listed, day(it.ListDate))
			continue
		}
		newest = max(newest, day(it.PublishDate))
	}
	if newest == "" && family != "generic" {
		// Only list dates: trusted when they carry their year.
		return listed
	}
	return newest
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}
