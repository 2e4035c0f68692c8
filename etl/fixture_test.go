package etl

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/landing"
)

// fixtureRun is a crawl run written with the landing package.
type fixtureRun struct {
	id, cutoff string
	units      []landing.Unit
	items      []landing.Item
	letters    []landing.Letter
	columns    []landing.Column
	homes      []landing.Home
	pages      []landing.Page
	// corrupt names units whose items file is overwritten with bytes that
	// are not gzip after it is written.
	corrupt []string
}

// writeRun writes fr under root and returns it opened.
func writeRun(tb testing.TB, root string, fr fixtureRun) *landing.Run {
	tb.Helper()
	r, err := landing.CreateRun(root, fr.id)
	if err != nil {
		tb.Fatal(err)
	}
	if err := r.WriteUnits(fr.units); err != nil {
		tb.Fatal(err)
	}
	m := landing.Manifest{RunID: fr.id, Cutoff: fr.cutoff, Complete: true, Version: "test",
		StartedAt: mustTime(tb, fr.cutoff).Add(-6 * time.Hour), FinishedAt: mustTime(tb, fr.cutoff).Add(-7 * time.Hour)}
	for _, u := range fr.units {
		w, err := r.UnitWriter(u.ID)
		if err != nil {
			tb.Fatal(err)
		}
		for _, it := range fr.items {
			if it.UnitID == u.ID {
				it.RunID = fr.id
				check(tb, w.AddItem(it))
			}
		}
		for _, l := range fr.letters {
			if l.UnitID == u.ID {
				l.RunID = fr.id
				check(tb, w.AddLetter(l))
			}
		}
		for _, c := range fr.columns {
			if c.UnitID == u.ID {
				c.RunID = fr.id
				check(tb, w.AddColumn(c))
			}
		}
		for _, h := range fr.homes {
			if h.UnitID == u.ID {
				h.RunID = fr.id
				check(tb, w.AddHome(h))
			}
		}
		for _, p := range fr.pages {
			if p.UnitID == u.ID {
				p.RunID = fr.id
				check(tb, w.AddPage(p))
			}
		}
		n := w.Count(landing.FileItems)
		check(tb, w.Close())
		m.Units = append(m.Units, landing.UnitStatus{UnitID: u.ID, Done: true, Items: n})
	}
	for _, id := range fr.corrupt {
		check(tb, os.WriteFile(r.UnitPath(id, landing.FileItems), []byte("this is not gzip"), 0o644))
	}
	check(tb, r.WriteManifest(m))
	return r
}

func check(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func mustTime(tb testing.TB, day string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func d(raw, value string) landing.Date { return landing.Date{Raw: raw, Value: value} }

// fixedNow keeps runs.loaded_at the same in every test database.
func fixedNow() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }

func openStore(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func load(tb testing.TB, s *Store, r *landing.Run) LoadStats {
	tb.Helper()
	st, err := s.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// dumpTables are the tables a load writes.
var dumpTables = []string{
	"runs", "units", "columns", "mailboxes", "items", "item_observations", "item_links",
	"letters", "letter_observations", "column_runs", "home_observations", "page_attempts", "findings",
}

// dump renders every row of the loaded tables, sorted, one string a row.
func dump(tb testing.TB, db *sql.DB) map[string][]string {
	tb.Helper()
	out := map[string][]string{}
	for _, t := range dumpTables {
		out[t] = queryRows(tb, db, `SELECT * FROM `+t+` ORDER BY ALL`)
	}
	return out
}

// queryRows returns each row as its values joined by " | ".
func queryRows(tb testing.TB, db *sql.DB, q string, args ...any) []string {
	tb.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		check(tb, rows.Scan(ptrs...))
		parts := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				parts[i] = "NULL"
			case time.Time:
				if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
					parts[i] = v.Format(time.DateOnly)
				} else {
					parts[i] = v.Format("2006-01-02 15:04:05")
				}
			default:
				parts[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(parts, " | "))
	}
	check(tb, rows.Err())
	return out
}

func queryInt(tb testing.TB, db *sql.DB, q string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	return n
}

// Two monthly runs over a department and a town, with the cases the
// loader must get right; see the comments on each record.
const (
	run1 = "r20260301T000000Z"
	run2 = "r20260401T000000Z"
	jyj  = "http://jyj.example.gov.cn"
	evil = `他说"不"; '); DROP TABLE items;-- 「通知」`
)

var fixtureUnits = []landing.Unit{
	{ID: "jyj", Name: "市教育局", Kind: "部门", Home: jyj + "/", MustHaveMailbox: true,
		Columns: []landing.UnitCol{
			{ID: "gzdt", Name: "工作动态", URL: jyj + "/gzdt/", Profile: "trs"},
			{ID: "tzgg", Name: "通知公告", URL: jyj + "/tzgg/"},
			{ID: "zcwj", Name: "政策文件", URL: jyj + "/zcwj/"},
			{ID: "zcjd", Name: "解读", URL: jyj + "/zcjd/"},
			{ID: "bmfw", Name: "便民服务", URL: jyj + "/bmfw/"},
		},
		Mailboxes: []landing.UnitCol{{ID: "ldxx", Name: "局长信箱", URL: jyj + "/ldxx/"}},
	},
	{ID: "dfz", Name: "东风镇", Kind: "乡镇", MustHaveMailbox: false,
		Columns: []landing.UnitCol{{ID: "xzdt", Name: "乡镇动态", URL: "http://dfz.example.gov.cn/xzdt/", Category: "部门动态"}},
	},
}

func item(col, path, title string, pub, formed landing.Date, fetched bool) landing.Item {
	u := jyj + path
	return landing.Item{UnitID: "jyj", ColumnID: col, URL: u, CanonicalURL: u, Title: title,
		ListDate: d(pub.Value, pub.Value), Published: pub, Formed: formed, DetailFetched: fetched,
		ListPage: 1, SeenAt: time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)}
}

func columnRun(unit, col string, found int, complete bool) landing.Column {
	return landing.Column{UnitID: unit, ColumnID: col, Kind: "column", URL: jyj + "/" + col + "/",
		Pages: 1, Found: found, Complete: complete, Outcome: landing.OutcomeOK,
		FinishedAt: time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)}
}

func fixtureRun1() fixtureRun {
	a := item("gzdt", "/gzdt/a.html", "局长调研", d("2026-02-20", "2026-02-20"), d("2026-02-18", "2026-02-18"), true)
	a.IndexNo, a.Publisher, a.DocNo = "11330100-2026-00001", "市教育局", "杭教〔2026〕1号"
	b := item("gzdt", "/gzdt/b.html", "日期写错", d("2026年13月", ""), landing.Date{}, true)
	cG := item("gzdt", "/gzdt/c.html", "两栏都有", d("2026-02-21", "2026-02-21"), landing.Date{}, true)
	cT := cG
	cT.ColumnID = "tzgg"
	dd := item("gzdt", "/gzdt/d.html", evil, d("2026-02-22", "2026-02-22"), landing.Date{}, true)
	dd.ListPage = 2
	ddAgain := dd // the list shifted while paging: seen again on page 3
	ddAgain.ListPage = 3
	e := item("tzgg", "/tzgg/e.html", "无日期", landing.Date{}, landing.Date{}, true)
	f := item("zcwj", "/zcwj/f.html", "政策文件一", d("2026-02-10", "2026-02-10"), d("2026-02-01", "2026-02-01"), true)
	f.Links = []string{jyj + "/zcjd/j.html"}
	j := item("zcjd", "/zcjd/j.html", "政策文件一的解读", d("2026-02-11", "2026-02-11"), d("2026-02-11", "2026-02-11"), true)
	j.Links = []string{jyj + "/zcwj/f.html", jyj + "/zcjd/j.html"}
	x := landing.Item{UnitID: "dfz", ColumnID: "xzdt", URL: "http://dfz.example.gov.cn/xzdt/1.html",
		CanonicalURL: "http://dfz.example.gov.cn/xzdt/1.html", Title: "镇动态", Published: d("2026-02-27", "2026-02-27"),
		DetailFetched: true, ListPage: 1}
	return fixtureRun{
		id: run1, cutoff: "2026-03-01", units: fixtureUnits,
		items: []landing.Item{a, b, cG, cT, dd, ddAgain, e, f, j, x},
		letters: []landing.Letter{{UnitID: "jyj", MailboxID: "ldxx", Key: "XX2026001", LetterNo: "XX2026001",
			Title: "咨询入学", Type: "咨询", TypeRaw: "咨询", Received: landing.Date{Raw: "2026-02-25 10:00", Value: "2026-02-25", Time: "10:00:00"},
			StatusRaw: "未回复", Status: landing.StatusUnreplied, DetailFetched: true,
			SeenAt: time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)}},
		columns: []landing.Column{
			columnRun("jyj", "gzdt", 5, true), columnRun("jyj", "tzgg", 2, true),
			columnRun("jyj", "zcwj", 1, true), columnRun("jyj", "zcjd", 1, true),
			{UnitID: "jyj", ColumnID: "bmfw", Kind: "column", Outcome: landing.OutcomeEmpty, Complete: true},
			{UnitID: "jyj", ColumnID: "ldxx", Kind: "mailbox", Found: 1, Complete: true, Outcome: landing.OutcomeOK},
			columnRun("dfz", "xzdt", 1, true),
		},
		homes: []landing.Home{{UnitID: "jyj", URL: jyj + "/", OK: true, Status: 200, Newest: d("2026-02-28", "2026-02-28"),
			FetchedAt: time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)}},
		pages: []landing.Page{
			{UnitID: "jyj", Kind: landing.PageHome, Method: "GET", URL: jyj + "/", Attempt: 1, Status: 200, Bytes: 1000, Outcome: landing.OutcomeOK, FetchedAt: time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)},
			{UnitID: "jyj", ColumnID: "gzdt", Kind: landing.PageList, Method: "GET", URL: jyj + "/gzdt/", Attempt: 1, Status: 503, Outcome: landing.OutcomeFailed, Error: "503", FetchedAt: time.Date(2026, 3, 1, 1, 0, 1, 0, time.UTC)},
			{UnitID: "jyj", ColumnID: "gzdt", Kind: landing.PageList, Method: "GET", URL: jyj + "/gzdt/", Attempt: 2, Status: 200, Outcome: landing.OutcomeOK, FetchedAt: time.Date(2026, 3, 1, 1, 0, 2, 0, time.UTC)},
		},
	}
}

func fixtureRun2() fixtureRun {
	// A is reused by an incremental run: detail not fetched, only the list date.
	a := item("gzdt", "/gzdt/a.html", "局长调研", d("2026-02-20", "2026-02-20"), landing.Date{}, false)
	b := item("gzdt", "/gzdt/b.html", "日期写错", d("2026年13月", ""), landing.Date{}, true)
	c := item("gzdt", "/gzdt/c.html", "两栏都有", d("2026-02-21", "2026-02-21"), landing.Date{}, true)
	// H appears now but says it was published before run 1's cutoff.
	h := item("gzdt", "/gzdt/h.html", "补发的旧闻", d("2026-02-15", "2026-02-15"), landing.Date{}, true)
	i := item("gzdt", "/gzdt/i.html", "三月新闻", d("2026-03-20", "2026-03-20"), landing.Date{}, true)
	e := item("tzgg", "/tzgg/e.html", "无日期", landing.Date{}, landing.Date{}, true)
	j := item("zcjd", "/zcjd/j.html", "政策文件一的解读", d("2026-02-11", "2026-02-11"), d("2026-02-11", "2026-02-11"), false)
	x := landing.Item{UnitID: "dfz", ColumnID: "xzdt", URL: "http://dfz.example.gov.cn/xzdt/1.html",
		CanonicalURL: "http://dfz.example.gov.cn/xzdt/1.html", Title: "镇动态", Published: d("2026-02-27", "2026-02-27"),
		DetailFetched: true, ListPage: 1}
	units := append([]landing.Unit(nil), fixtureUnits...)
	units[0].Name = "市教育局（新）"
	return fixtureRun{
		id: run2, cutoff: "2026-04-01", units: units,
		items: []landing.Item{a, b, c, h, i, e, j, x},
		letters: []landing.Letter{{UnitID: "jyj", MailboxID: "ldxx", Key: "XX2026001", LetterNo: "XX2026001",
			Title: "咨询入学", Type: "咨询", TypeRaw: "咨询", Received: landing.Date{Raw: "2026-02-25 10:00", Value: "2026-02-25", Time: "10:00:00"},
			StatusRaw: "已回复", Status: landing.StatusReplied, Handler: "基教处",
			Replied: landing.Date{Raw: "2026-03-05", Value: "2026-03-05"}, ShowsReplyTime: true, ShowsHandler: true, ShowsReplyContent: true,
			DetailFetched: true, SeenAt: time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)}},
		columns: []landing.Column{
			columnRun("jyj", "gzdt", 5, true), columnRun("jyj", "tzgg", 1, true),
			columnRun("jyj", "zcwj", 0, true), // selector drift: found 1 in run 1
			columnRun("jyj", "zcjd", 1, true),
			{UnitID: "jyj", ColumnID: "bmfw", Kind: "column", Outcome: landing.OutcomeEmpty, Complete: true},
			{UnitID: "jyj", ColumnID: "ldxx", Kind: "mailbox", Found: 1, Complete: true, Outcome: landing.OutcomeOK},
			columnRun("dfz", "xzdt", 1, true),
		},
	}
}

func newLanding(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(tb.TempDir(), "landing")
}

func removeFile(p string) error { return os.Remove(p) }

var quiet = slog.New(slog.DiscardHandler)
