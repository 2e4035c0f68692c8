package etl

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// TestLoadVerdicts: verdicts written by the crawl are stored with their
// figures; records without one (an older crawler) get a derived verdict
// that never makes an empty list verified.
func TestLoadVerdicts(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	fr := fixtureRun1()
	fr.columns = []landing.Column{
		{UnitID: "jyj", ColumnID: "gzdt", Kind: "column", Pages: 2, Found: 18, Outcome: landing.OutcomeOK, Complete: true,
			Verdict: domain.VerdictPartial, VerdictReason: "共48条, 读到18条", SiteTotal: 48, Distinct: 18, Recognised: "hanweb"},
		{UnitID: "jyj", ColumnID: "tzgg", Kind: "column", Pages: 1, Found: 0, Outcome: landing.OutcomeEmpty, Complete: true,
			Verdict: domain.VerdictEmpty, VerdictReason: "暂无信息", LastPageSeen: true},
		{UnitID: "jyj", ColumnID: "zcwj", Kind: "column", Pages: 3, Found: 30, Outcome: landing.OutcomeOK, Complete: true,
			Verdict: domain.VerdictComplete, SiteTotal: 30, Distinct: 30, LastPageSeen: true, DetailsFailed: 2, Rendered: true},
		{UnitID: "jyj", ColumnID: "zcjd", Kind: "column", Outcome: landing.OutcomeEmpty, Complete: true}, // no verdict: old
		{UnitID: "jyj", ColumnID: "bmfw", Kind: "column", Outcome: landing.OutcomeOK, Complete: false, Found: 3},
		{UnitID: "jyj", ColumnID: "ldxx", Kind: "mailbox", Outcome: landing.OutcomeBlocked, Verdict: "weird"},
		{UnitID: "dfz", ColumnID: "xzdt", Kind: "column", Outcome: landing.OutcomeOK, Complete: true, Found: 1},
	}
	fr.homes = []landing.Home{{UnitID: "jyj", URL: jyj + "/", OK: false, Status: 412, Error: "challenge",
		Verdict: domain.VerdictBlocked}}
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	load(t, s, writeRun(t, root, fr))

	got := queryRows(t, s.DB(), `SELECT column_id, verdict, coalesce(verdict_reason, ''), verdict_derived,
		coalesce(site_total, -1), distinct_items, last_page_seen, details_failed, coalesce(recognised, ''), rendered
		FROM column_runs ORDER BY column_id`)
	want := []string{
		"bmfw | partial | 未读完全部页 | true | -1 | 3 | false | 0 |  | false",
		"gzdt | partial | 共48条, 读到18条 | false | 48 | 18 | false | 0 | hanweb | false",
		"ldxx | suspect | unknown verdict weird | false | -1 | 0 | false | 0 |  | false",
		"tzgg | empty | 暂无信息 | false | -1 | 0 | true | 0 |  | false",
		"xzdt | complete | 已翻至末页(旧版本记录, 未与网站自报总数核对) | true | -1 | 1 | false | 0 |  | false",
		"zcjd | suspect | 列表为空, 但没有网站自报为零的证据(旧版本记录) | true | -1 | 0 | false | 0 |  | false",
		"zcwj | complete |  | false | 30 | 30 | true | 2 |  | true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("column verdicts (-want +got):\n%s", diff)
	}
	home := queryRows(t, s.DB(), `SELECT unit_id, verdict, verdict_derived FROM home_observations ORDER BY ALL`)
	if diff := cmp.Diff([]string{"jyj | blocked | false"}, home); diff != "" {
		t.Errorf("home verdicts (-want +got):\n%s", diff)
	}
	// jyj: 5 columns, a mailbox, a home page; dfz: 1 column. Not read at
	// all: the blocked home page (the mailbox's verdict is suspect: read,
	// not trusted).
	runs := queryRows(t, s.DB(), `SELECT run_id, sources, sources_failed, default_cutoff FROM runs`)
	if diff := cmp.Diff([]string{run1 + " | 8 | 1 | true"}, runs); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
}

// TestDefaultCutoffPolicy: a run with more than the allowed share of its
// sources unread is loaded but is not a default cutoff; the share is an
// option.
func TestDefaultCutoffPolicy(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	fr := fixtureRun1()
	var cols []landing.Column
	for _, c := range fr.columns {
		c.Outcome, c.Found, c.Complete, c.Verdict = landing.OutcomeFailed, 0, false, domain.VerdictFailed
		cols = append(cols, c)
	}
	cols[0].Verdict, cols[0].Outcome = domain.VerdictComplete, landing.OutcomeOK // 1 of 8 read
	fr.columns = cols
	fr.homes = []landing.Home{{UnitID: "jyj", URL: jyj + "/", Error: "connection refused"}}
	r := writeRun(t, root, fr)
	for _, tc := range []struct {
		share float64
		want  string
	}{{DefaultMaxFailedShare, run1 + " | 8 | 7 | false"}, {0.9, run1 + " | 8 | 7 | true"}} {
		s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
		share := tc.share
		if _, err := s.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet, MaxFailedShare: &share}); err != nil {
			t.Fatal(err)
		}
		got := queryRows(t, s.DB(), `SELECT run_id, sources, sources_failed, default_cutoff FROM runs`)
		if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
			t.Errorf("share %v (-want +got):\n%s", tc.share, diff)
		}
	}
}

// TestItemsBetweenRuns: an edited title takes the newest title with the
// old one kept in the history; an item whose detail page failed is listed,
// not verified, until a run reads it; an item unlisted by a complete read
// whose page answers 404 is removed from that run on, and not before.
func TestItemsBetweenRuns(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	at := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	one := fixtureRun1()
	edited := item("gzdt", "/gzdt/t.html", "原标题", d("2026-02-23", "2026-02-23"), landing.Date{}, true)
	edited.ListTitle = "原标题"
	gone := item("gzdt", "/gzdt/gone.html", "将被删除", d("2026-02-24", "2026-02-24"), landing.Date{}, true)
	failed := item("gzdt", "/gzdt/fail.html", "详情页失败", d("2026-02-25", "2026-02-25"), landing.Date{}, false)
	failed.DetailError = "503 Service Unavailable"
	away := item("gzdt", "/gzdt/away.html", "外站", d("2026-02-25", "2026-02-25"), landing.Date{}, false)
	away.DetailError = "detail page outside the unit's hosts, not fetched"
	one.items = append(one.items, edited, gone, failed, away)
	one.columns[0].Verdict = domain.VerdictComplete

	two := fixtureRun2()
	reused := edited
	reused.DetailFetched, reused.ListTitle, reused.SeenAt = false, "新标题", at.AddDate(0, 1, 0)
	retried := failed
	retried.DetailFetched, retried.DetailError, retried.Title = true, "", "详情页失败后读到"
	two.items = append(two.items, reused, retried)
	two.columns[0].Verdict = domain.VerdictComplete
	two.pages = append(two.pages, landing.Page{UnitID: "jyj", ColumnID: "gzdt", Kind: landing.PageDetail, Method: "GET",
		URL: gone.URL, Attempt: 1, Status: 404, Outcome: landing.OutcomeFailed, Error: "404", FetchedAt: at.AddDate(0, 1, 0)})

	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	load(t, s, writeRun(t, root, one))
	q := `SELECT canonical_url, title, coalesce(detail_fetched_run, ''), coalesce(detail_failed_run, ''),
		coalesce(removed_run, ''), coalesce(removed_status, 0) FROM items
		WHERE canonical_url IN ($1, $2, $3, $4) ORDER BY canonical_url`
	args := []any{edited.URL, gone.URL, failed.URL, away.URL}
	got := queryRows(t, s.DB(), q, args...)
	want := []string{
		away.URL + " | 外站 |  |  |  | 0",
		failed.URL + " | 详情页失败 |  | " + run1 + " |  | 0",
		gone.URL + " | 将被删除 | " + run1 + " |  |  | 0",
		edited.URL + " | 原标题 | " + run1 + " |  |  | 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after run 1 (-want +got):\n%s", diff)
	}
	load(t, s, writeRun(t, root, two))
	got = queryRows(t, s.DB(), q, args...)
	want = []string{
		away.URL + " | 外站 |  |  |  | 0",
		failed.URL + " | 详情页失败后读到 | " + run2 + " | " + run1 + " |  | 0",
		gone.URL + " | 将被删除 | " + run1 + " |  | " + run2 + " | 404",
		edited.URL + " | 新标题 | " + run1 + " |  |  | 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after run 2 (-want +got):\n%s", diff)
	}
	found := queryRows(t, s.DB(), `SELECT run_id, subject, detail FROM findings WHERE kind = 'removed'`)
	wantFound := []string{run2 + " | " + gone.URL + " | last listed by run " + run1 + " in column gzdt; not listed by the complete read of run " +
		run2 + ", where " + gone.URL + " answered 404"}
	if diff := cmp.Diff(wantFound, found); diff != "" {
		t.Errorf("removed findings (-want +got):\n%s", diff)
	}
	hist := queryRows(t, s.DB(), `SELECT run_id, title, list_title FROM item_observations WHERE canonical_url = $1 ORDER BY run_id`, edited.URL)
	if diff := cmp.Diff([]string{run1 + " | 原标题 | 原标题", run2 + " | 原标题 | 新标题"}, hist); diff != "" {
		t.Errorf("title history (-want +got):\n%s", diff)
	}
}

// A pinned (置顶) row shown on every list page, in two monthly runs, is one
// item with one sighting per run, first seen by the first run.
func TestPinnedRowIsOneItem(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	pinned := item("gzdt", "/gzdt/pinned.html", "置顶通知", d("2026-01-05", "2026-01-05"), landing.Date{}, true)
	one, two := fixtureRun1(), fixtureRun2()
	for _, fr := range []*fixtureRun{&one, &two} {
		for page := 1; page <= 3; page++ {
			p := pinned
			p.ListPage, p.Position = page, 0
			fr.items = append(fr.items, p)
		}
	}
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	load(t, s, writeRun(t, root, one))
	load(t, s, writeRun(t, root, two))
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM items WHERE canonical_url = $1`, pinned.URL); n != 1 {
		t.Errorf("items for the pinned row = %d, want 1", n)
	}
	got := queryRows(t, s.DB(), `SELECT run_id, list_page FROM item_observations WHERE canonical_url = $1 ORDER BY run_id`, pinned.URL)
	if diff := cmp.Diff([]string{run1 + " | 1", run2 + " | 1"}, got); diff != "" {
		t.Errorf("sightings of the pinned row (-want +got):\n%s", diff)
	}
	if first := queryRows(t, s.DB(), `SELECT first_seen_run FROM items WHERE canonical_url = $1`, pinned.URL); len(first) != 1 || first[0] != run1 {
		t.Errorf("first seen = %v, want %s", first, run1)
	}
}
