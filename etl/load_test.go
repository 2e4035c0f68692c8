package etl

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadTwoRuns(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	st1 := load(t, s, r1)
	st2 := load(t, s, r2)
	db := s.DB()

	t.Run("stats", func(t *testing.T) {
		if st1.Units != 2 || st1.Items != 9 || st1.Letters != 1 || st1.Columns != 7 || st1.Homes != 1 || st1.Pages != 3 {
			t.Errorf("run 1 stats = %+v", st1)
		}
		want := map[string]int{"unparseable_date": 1, "missing_publish_date": 1, "missing_formed_date": 5,
			"duplicate_across_columns": 1, "unmapped_column": 1}
		if diff := cmp.Diff(want, st1.Findings); diff != "" {
			t.Errorf("run 1 findings (-want +got):\n%s", diff)
		}
		// Run 2 fetched the detail pages of b, c, e, h, i and the town's item;
		// none shows 成文日期.
		want = map[string]int{"unparseable_date": 1, "missing_publish_date": 1, "missing_formed_date": 6,
			"unmapped_column": 1, "selector_drift": 1, "back_dated": 1}
		if diff := cmp.Diff(want, st2.Findings); diff != "" {
			t.Errorf("run 2 findings (-want +got):\n%s", diff)
		}
	})

	t.Run("items", func(t *testing.T) {
		got := queryRows(t, db, `SELECT unit_id, replace(canonical_url, 'http://jyj.example.gov.cn', ''), column_id, category,
			publish_date, publish_raw, formed_date, first_seen_run, last_seen_run, first_seen_date, last_seen_date
			FROM items ORDER BY unit_id, canonical_url`)
		want := []string{
			"dfz | http://dfz.example.gov.cn/xzdt/1.html | xzdt | 部门动态 | 2026-02-27 | 2026-02-27 | NULL | " + run1 + " | " + run2 + " | 2026-03-01 | 2026-04-01",
			// A: run 2 did not fetch the detail page, 成文日期 stays.
			"jyj | /gzdt/a.html | gzdt | 部门动态 | 2026-02-20 | 2026-02-20 | 2026-02-18 | " + run1 + " | " + run2 + " | 2026-03-01 | 2026-04-01",
			"jyj | /gzdt/b.html | gzdt | 部门动态 | NULL | 2026年13月 | NULL | " + run1 + " | " + run2 + " | 2026-03-01 | 2026-04-01",
			// C: listed in 工作动态 and 通知公告, counts under the first configured.
			"jyj | /gzdt/c.html | gzdt | 部门动态 | 2026-02-21 | 2026-02-21 | NULL | " + run1 + " | " + run2 + " | 2026-03-01 | 2026-04-01",
			// D vanished in run 2.
			"jyj | /gzdt/d.html | gzdt | 部门动态 | 2026-02-22 | 2026-02-22 | NULL | " + run1 + " | " + run1 + " | 2026-03-01 | 2026-03-01",
			"jyj | /gzdt/h.html | gzdt | 部门动态 | 2026-02-15 | 2026-02-15 | NULL | " + run2 + " | " + run2 + " | 2026-04-01 | 2026-04-01",
			"jyj | /gzdt/i.html | gzdt | 部门动态 | 2026-03-20 | 2026-03-20 | NULL | " + run2 + " | " + run2 + " | 2026-04-01 | 2026-04-01",
			"jyj | /tzgg/e.html | tzgg | 通知公告 | NULL | NULL | NULL | " + run1 + " | " + run2 + " | 2026-03-01 | 2026-04-01",
			"jyj | /zcjd/j.html | zcjd | 政策解读 | 2026-02-11 | 2026-02-11 | 2026-02-11 | " + run1 + " | " + run2 + " | 2026-03-01 | 2026-04-01",
			"jyj | /zcwj/f.html | zcwj | 政策文件 | 2026-02-10 | 2026-02-10 | 2026-02-01 | " + run1 + " | " + run1 + " | 2026-03-01 | 2026-03-01",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("items (-want +got):\n%s", diff)
		}
		got = queryRows(t, db, `SELECT index_no, publisher, doc_no, title FROM items WHERE canonical_url LIKE '%/a.html'`)
		if diff := cmp.Diff([]string{"11330100-2026-00001 | 市教育局 | 杭教〔2026〕1号 | 局长调研"}, got); diff != "" {
			t.Errorf("kept metadata (-want +got):\n%s", diff)
		}
	})

	t.Run("hostile title stored verbatim", func(t *testing.T) {
		got := queryRows(t, db, `SELECT title, list_page FROM item_observations WHERE canonical_url LIKE '%/d.html'`)
		if diff := cmp.Diff([]string{evil + " | 2"}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM items WHERE title = $1`, evil); n != 1 {
			t.Errorf("items with the title = %d", n)
		}
	})

	t.Run("categories", func(t *testing.T) {
		got := queryRows(t, db, `SELECT unit_id, column_id, category, category_source, position FROM columns ORDER BY unit_id, position`)
		want := []string{
			"dfz | xzdt | 部门动态 | config | 0",
			"jyj | gzdt | 部门动态 | rule | 0",
			"jyj | tzgg | 通知公告 | rule | 1",
			"jyj | zcwj | 政策文件 | rule | 2",
			"jyj | zcjd | 政策解读 | rule | 3",
			"jyj | bmfw | 其他 | unmapped | 4",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("columns (-want +got):\n%s", diff)
		}
		got = queryRows(t, db, `SELECT unit_id, name, kind_group, last_run FROM units ORDER BY unit_id`)
		want = []string{"dfz | 东风镇 | 乡镇街道 | " + run2, "jyj | 市教育局（新） | 部门 | " + run2}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("units (-want +got):\n%s", diff)
		}
	})

	t.Run("findings", func(t *testing.T) {
		got := queryRows(t, db, `SELECT run_id, kind, replace(subject, 'http://jyj.example.gov.cn', ''), detail FROM findings
			WHERE kind NOT IN ('missing_formed_date') ORDER BY ALL`)
		want := []string{
			run1 + " | duplicate_across_columns | /gzdt/c.html | gzdt, tzgg",
			run1 + " | missing_publish_date | /tzgg/e.html | tzgg",
			run1 + " | unmapped_column | bmfw | 便民服务",
			run1 + " | unparseable_date | /gzdt/b.html | 发布日期 2026年13月",
			run2 + " | back_dated | /gzdt/h.html | 发布日期 2026-02-15 < cutoff 2026-03-01 of run " + run1 + ", which crawled column gzdt completely",
			run2 + " | missing_publish_date | /tzgg/e.html | tzgg",
			run2 + " | selector_drift | zcwj | found 0 (ok); run " + run1 + " found 1",
			run2 + " | unmapped_column | bmfw | 便民服务",
			run2 + " | unparseable_date | /gzdt/b.html | 发布日期 2026年13月",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
	})

	t.Run("letters", func(t *testing.T) {
		got := queryRows(t, db, `SELECT run_id, status, status_raw, handler, replied_date FROM letter_observations ORDER BY run_id`)
		want := []string{run1 + " | unreplied | 未回复 | NULL | NULL", run2 + " | replied | 已回复 | 基教处 | 2026-03-05"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("letter_observations (-want +got):\n%s", diff)
		}
		got = queryRows(t, db, `SELECT letter_key, type, received_at, received_date, status, handler, replied_date,
			shows_handler, first_seen_run, last_seen_run FROM letters`)
		want = []string{"XX2026001 | 咨询 | 2026-02-25 10:00:00 | 2026-02-25 | replied | 基教处 | 2026-03-05 | true | " + run1 + " | " + run2}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("letters (-want +got):\n%s", diff)
		}
	})

	t.Run("links and observations", func(t *testing.T) {
		got := queryRows(t, db, `SELECT replace(from_url, 'http://jyj.example.gov.cn', ''), replace(to_url, 'http://jyj.example.gov.cn', ''), run_id FROM item_links ORDER BY ALL`)
		want := []string{"/zcjd/j.html | /zcwj/f.html | " + run1, "/zcwj/f.html | /zcjd/j.html | " + run1}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("item_links (-want +got):\n%s", diff)
		}
		got = queryRows(t, db, `SELECT seen_at FROM item_observations WHERE run_id = $1 AND canonical_url LIKE '%/a.html'`, run1)
		if diff := cmp.Diff([]string{"2026-03-01 10:00:00"}, got); diff != "" {
			t.Errorf("seen_at in Asia/Shanghai (-want +got):\n%s", diff)
		}
		got = queryRows(t, db, `SELECT run_id, started_at, cutoff, complete, loaded_at, units_loaded FROM runs ORDER BY run_id`)
		want = []string{
			run1 + " | 2026-03-01 02:00:00 | 2026-03-01 | true | 2026-11-01 08:00:00 | 2",
			run2 + " | 2026-04-01 02:00:00 | 2026-04-01 | true | 2026-11-01 08:00:00 | 2",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("runs (-want +got):\n%s", diff)
		}
		got = queryRows(t, db, `SELECT column_id, attempt, status, outcome FROM page_attempts ORDER BY fetched_at`)
		want = []string{"NULL | 1 | 200 | ok", "gzdt | 1 | 503 | failed", "gzdt | 2 | 200 | ok"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("page_attempts (-want +got):\n%s", diff)
		}
	})
}

// tableKeys are the keys docs/schema.md promises one row per; the history
// tables have no primary key, so the loader must keep them.
var tableKeys = map[string]string{
	"runs": "run_id", "units": "unit_id", "columns": "unit_id, column_id",
	"mailboxes": "unit_id, mailbox_id", "items": "unit_id, canonical_url",
	"item_observations": "run_id, unit_id, canonical_url, column_id",
	"item_links":        "unit_id, from_url, to_url", "letters": "unit_id, mailbox_id, letter_key",
	"letter_observations": "run_id, unit_id, mailbox_id, letter_key",
	"column_runs":         "run_id, unit_id, column_id", "home_observations": "run_id, unit_id",
	"findings": "run_id, unit_id, kind, subject", "calendar": "day",
}

func assertKeys(t *testing.T, db *sql.DB) {
	t.Helper()
	for table, key := range tableKeys {
		// Table and key names are constants above.
		q := `SELECT count(*) FROM (SELECT ` + key + ` FROM ` + table + ` GROUP BY ALL HAVING count(*) > 1)`
		if n := queryInt(t, db, q); n != 0 {
			t.Errorf("%s: %d keys (%s) with more than one row", table, n, key)
		}
	}
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	load(t, s, r1)
	load(t, s, r2)
	before := dump(t, s.DB())
	// loaded_at must survive a reload even when the clock moved on.
	if _, err := s.LoadRun(context.Background(), r2, LoadOptions{Logger: quiet}); err != nil {
		t.Fatal(err)
	}
	load(t, s, r1)
	if diff := cmp.Diff(before, dump(t, s.DB())); diff != "" {
		t.Errorf("reloading changed tables (-before +after):\n%s", diff)
	}
	assertKeys(t, s.DB())
}

func TestLoadOrderDoesNotMatter(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	inOrder := openStore(t, filepath.Join(t.TempDir(), "a.duckdb"))
	load(t, inOrder, r1)
	load(t, inOrder, r2)
	reversed := openStore(t, filepath.Join(t.TempDir(), "b.duckdb"))
	load(t, reversed, r2)
	load(t, reversed, r1)
	if diff := cmp.Diff(dump(t, inOrder.DB()), dump(t, reversed.DB())); diff != "" {
		t.Errorf("r2 then r1 differs from r1 then r2 (-in order +reversed):\n%s", diff)
	}
}

func TestLoadFailureRollsBack(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	bad := fixtureRun2()
	bad.corrupt = []string{"jyj"} // jyj sorts second (after dfz)
	r2 := writeRun(t, root, bad)
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	load(t, s, r1)
	before := dump(t, s.DB())
	if _, err := s.LoadRun(context.Background(), r2, LoadOptions{Now: fixedNow, Logger: quiet}); err == nil {
		t.Fatal("loading a corrupt gzip succeeded")
	}
	if diff := cmp.Diff(before, dump(t, s.DB())); diff != "" {
		t.Errorf("a failed load changed tables (-before +after):\n%s", diff)
	}
}

func TestLoadSkipsIncompleteUnit(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	fr := fixtureRun1()
	r := writeRun(t, root, fr)
	// dfz's writer died before renaming its files into place.
	check(t, removeFile(r.UnitPath("dfz", "pages.ndjson.gz")))
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	st := load(t, s, r)
	if st.Units != 1 || len(st.SkippedUnits) != 1 || st.SkippedUnits[0] != "dfz" {
		t.Errorf("stats = %+v", st)
	}
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM items WHERE unit_id = 'dfz'`); n != 0 {
		t.Errorf("dfz items = %d, want 0", n)
	}
	if n := queryInt(t, s.DB(), `SELECT units_skipped FROM runs`); n != 1 {
		t.Errorf("runs.units_skipped = %d", n)
	}
}
