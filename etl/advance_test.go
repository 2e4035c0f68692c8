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

// stateDumpTables are the load state tables, compared beside the
// loaded tables: the next incremental load starts from them.
var stateDumpTables = []string{
	"state.item_state", "state.item_columns", "state.item_urls", "state.letter_replies", "state.load_state",
}

func dumpAll(tb testing.TB, s *Store) map[string][]string {
	tb.Helper()
	out := dump(tb, s.DB())
	for _, t := range stateDumpTables {
		out[t] = queryRows(tb, s.DB(), `SELECT * FROM `+t+` ORDER BY ALL`)
	}
	return out
}

// historyRuns are five monthly runs over the fixture's units with every
// rule of an item's and a letter's current state at work: reused and
// re-read detail pages, an edited title, a failed detail page read later,
// a removed item listed again, items an incremental crawl did not page to,
// an item moving to a column earlier in config order, a configuration
// that adds a column, links that change, and a letter whose status
// changes without its page being read.
func historyRuns() []fixtureRun {
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

	// Run 3: gzdt is read incrementally and stops at i (2026-03-20): the
	// older items of gzdt are carried, not deleted; the removed item is
	// listed again; the town configures a second column, earlier in
	// order, that lists its item too; the letter is seen without its page.
	three := fixtureRun{id: "r20260501T000000Z", cutoff: "2026-05-01"}
	three.units = append([]landing.Unit(nil), fixtureUnits...)
	three.units[1].Columns = []landing.UnitCol{
		{ID: "xzgg", Name: "乡镇公告", URL: "http://dfz.example.gov.cn/xzgg/", Category: "通知公告"},
		{ID: "xzdt", Name: "乡镇动态", URL: "http://dfz.example.gov.cn/xzdt/", Category: "部门动态"},
	}
	i := item("gzdt", "/gzdt/i.html", "三月新闻", d("2026-03-20", "2026-03-20"), landing.Date{}, false)
	k := item("gzdt", "/gzdt/k.html", "四月新闻", d("2026-04-10", "2026-04-10"), d("2026-04-08", "2026-04-08"), true)
	k.Links = []string{jyj + "/zcwj/f.html"}
	back := gone
	back.Title, back.SeenAt = "又回来了", at.AddDate(0, 2, 0)
	back.ListDate = d("2026-04-11", "2026-04-11")
	e := item("tzgg", "/tzgg/e.html", "无日期", landing.Date{}, landing.Date{}, false)
	x := landing.Item{UnitID: "dfz", ColumnID: "xzdt", URL: "http://dfz.example.gov.cn/xzdt/1.html",
		CanonicalURL: "http://dfz.example.gov.cn/xzdt/1.html", Title: "镇动态", Published: d("2026-02-27", "2026-02-27"), ListPage: 1}
	xg := x
	xg.ColumnID, xg.Title, xg.DetailFetched = "xzgg", "镇公告", true
	three.items = []landing.Item{i, k, back, e, x, xg}
	gzdt := columnRun("jyj", "gzdt", 3, true)
	gzdt.Incremental, gzdt.Verdict = true, domain.VerdictComplete
	three.columns = []landing.Column{gzdt, columnRun("jyj", "tzgg", 1, true),
		{UnitID: "jyj", ColumnID: "ldxx", Kind: "mailbox", Found: 1, Complete: true, Outcome: landing.OutcomeOK},
		columnRun("dfz", "xzdt", 1, true), columnRun("dfz", "xzgg", 1, true)}
	letter := two.letters[0]
	letter.DetailFetched, letter.Handler, letter.Replied, letter.SeenAt = false, "", landing.Date{}, at.AddDate(0, 2, 0)
	three.letters = []landing.Letter{letter}

	// Run 4: a full read of gzdt that no longer lists c, whose page
	// answers 410; a is listed in zcjd as well (later in config order, so
	// a keeps gzdt); f is read again with other links; the letter is in
	// progress, unread, and a second letter arrives.
	four := fixtureRun{id: "r20260601T000000Z", cutoff: "2026-06-01", units: three.units}
	a := item("gzdt", "/gzdt/a.html", "局长调研（修订）", d("2026-02-20", "2026-02-20"), d("2026-02-18", "2026-02-18"), true)
	aj := a
	aj.ColumnID, aj.DetailFetched = "zcjd", false
	f := item("zcwj", "/zcwj/f.html", "政策文件一", d("2026-02-10", "2026-02-10"), d("2026-02-01", "2026-02-01"), true)
	f.Links = []string{jyj + "/gzdt/k.html", jyj + "/zcjd/j.html"}
	four.items = []landing.Item{a, aj, f, k, i, back}
	full := columnRun("jyj", "gzdt", 4, true)
	full.Verdict = domain.VerdictComplete
	four.columns = []landing.Column{full, columnRun("jyj", "zcwj", 1, true), columnRun("jyj", "zcjd", 1, true),
		{UnitID: "jyj", ColumnID: "ldxx", Kind: "mailbox", Found: 2, Complete: true, Outcome: landing.OutcomeOK}}
	four.pages = []landing.Page{{UnitID: "jyj", ColumnID: "gzdt", Kind: landing.PageDetail, Method: "GET",
		URL: jyj + "/gzdt/c.html", Attempt: 1, Status: 410, Outcome: landing.OutcomeFailed, Error: "410", FetchedAt: at.AddDate(0, 3, 0)}}
	inProgress := letter
	inProgress.Status, inProgress.StatusRaw, inProgress.SeenAt = landing.StatusInProgress, "办理中", at.AddDate(0, 3, 0)
	second := landing.Letter{UnitID: "jyj", MailboxID: "ldxx", Key: "XX2026002", LetterNo: "XX2026002",
		Title: "投诉噪音", Type: "投诉", TypeRaw: "投诉", Received: landing.Date{Raw: "2026-05-20", Value: "2026-05-20"},
		StatusRaw: "已回复", Status: landing.StatusReplied, Handler: "执法队", Replied: landing.Date{Raw: "2026-05-25", Value: "2026-05-25"},
		ShowsReplyTime: true, ShowsHandler: true, DetailFetched: true, SeenAt: at.AddDate(0, 3, 0)}
	four.letters = []landing.Letter{inProgress, second}

	// Run 5: the first letter is replied again, seen unread (its reply
	// details come from run 2's read); the edited item is read again; the
	// town's unit is not crawled at all.
	five := fixtureRun{id: "r20260701T000000Z", cutoff: "2026-07-01", units: three.units[:1]}
	again := edited
	again.Title, again.ListTitle, again.SeenAt = "新标题", "新标题", at.AddDate(0, 4, 0)
	five.items = []landing.Item{again, k}
	replied := two.letters[0]
	replied.DetailFetched, replied.Handler, replied.SeenAt = false, "", at.AddDate(0, 4, 0)
	secondUnread := second
	secondUnread.DetailFetched, secondUnread.Handler = false, ""
	five.letters = []landing.Letter{replied, secondUnread}
	five.columns = []landing.Column{columnRun("jyj", "gzdt", 2, false),
		{UnitID: "jyj", ColumnID: "ldxx", Kind: "mailbox", Found: 2, Complete: true, Outcome: landing.OutcomeOK}}
	return []fixtureRun{one, two, three, four, five}
}

// Loading monthly runs one after the other brings the current state up
// to date from each run alone; every table, the load state included,
// equals what recomputing every unit from every sighting gives.
func TestIncrementalEqualsRecompute(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	var runs []*landing.Run
	for _, fr := range historyRuns() {
		runs = append(runs, writeRun(t, root, fr))
	}
	inc := openStore(t, filepath.Join(t.TempDir(), "inc.duckdb"))
	full := openStore(t, filepath.Join(t.TempDir(), "full.duckdb"))
	// Run 1 is every unit's first (their configuration is new); run 3
	// changes the town's columns; the others recompute nothing.
	wantRecomputed := []int{2, 0, 1, 0, 0}
	for n, r := range runs {
		st := load(t, inc, r)
		if st.Recomputed != wantRecomputed[n] {
			t.Errorf("run %d: %d units recomputed, want %d", n+1, st.Recomputed, wantRecomputed[n])
		}
		fst, err := full.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet, recomputeAll: true})
		check(t, err)
		if want := len(historyRuns()[n].units); fst.Recomputed != want {
			t.Errorf("run %d recomputed from every sighting: %d units, want %d", n+1, fst.Recomputed, want)
		}
		if diff := cmp.Diff(dumpAll(t, full), dumpAll(t, inc)); diff != "" {
			t.Errorf("after run %d, incremental differs from recomputed (-recomputed +incremental):\n%s", n+1, diff)
		}
	}
	// The rules at work, so that the comparison is not between two
	// empty answers.
	got := queryRows(t, inc.DB(), `SELECT canonical_url, column_id, title, last_seen_run, coalesce(removed_run, ''), coalesce(detail_fetched_run, '')
		FROM items WHERE canonical_url IN ($1, $2, $3, $4, $5) ORDER BY canonical_url`,
		jyj+"/gzdt/a.html", jyj+"/gzdt/c.html", jyj+"/gzdt/gone.html", jyj+"/gzdt/t.html", "http://dfz.example.gov.cn/xzdt/1.html")
	want := []string{
		"http://dfz.example.gov.cn/xzdt/1.html | xzgg | 镇公告 | r20260501T000000Z |  | " + run1,
		jyj + "/gzdt/a.html | gzdt | 局长调研（修订） | r20260601T000000Z |  | " + run1,
		jyj + "/gzdt/c.html | gzdt | 两栏都有 | r20260501T000000Z | r20260601T000000Z | " + run1,
		jyj + "/gzdt/gone.html | gzdt | 又回来了 | r20260601T000000Z |  | " + run1,
		jyj + "/gzdt/t.html | gzdt | 新标题 | r20260701T000000Z |  | " + run1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	letters := queryRows(t, inc.DB(), `SELECT letter_key, status, coalesce(handler, ''), coalesce(replied_date::VARCHAR, ''), first_seen_run, last_seen_run
		FROM letters ORDER BY letter_key`)
	wantLetters := []string{
		"XX2026001 | replied | 基教处 | 2026-03-05 | " + run1 + " | r20260701T000000Z",
		"XX2026002 | replied | 执法队 | 2026-05-25 | r20260601T000000Z | r20260701T000000Z",
	}
	if diff := cmp.Diff(wantLetters, letters); diff != "" {
		t.Errorf("letters (-want +got):\n%s", diff)
	}
}

// A store loaded by a version without load state (its state tables empty,
// not built) recomputes every unit once at its next load, then loads on
// incrementally to the same tables.
func TestLoadStateBuiltOnce(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	var runs []*landing.Run
	for _, fr := range historyRuns() {
		runs = append(runs, writeRun(t, root, fr))
	}
	old := openStore(t, filepath.Join(t.TempDir(), "old.duckdb"))
	full := openStore(t, filepath.Join(t.TempDir(), "full.duckdb"))
	for _, r := range runs[:2] {
		load(t, old, r)
		_, err := full.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet, recomputeAll: true})
		check(t, err)
	}
	for _, t2 := range stateDumpTables {
		if _, err := old.DB().Exec(`DELETE FROM ` + t2); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := old.DB().Exec(`INSERT INTO state.load_state VALUES (false)`); err != nil {
		t.Fatal(err)
	}
	for n, r := range runs[2:] {
		st := load(t, old, r)
		want := 0
		if n == 0 {
			want = 2
		}
		if st.Recomputed != want {
			t.Errorf("run %d: %d units recomputed, want %d", n+3, st.Recomputed, want)
		}
		_, err := full.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet, recomputeAll: true})
		check(t, err)
		if diff := cmp.Diff(dumpAll(t, full), dumpAll(t, old)); diff != "" {
			t.Errorf("after run %d (-recomputed +loaded on):\n%s", n+3, diff)
		}
	}
}
