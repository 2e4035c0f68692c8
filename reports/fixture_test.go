package reports

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
)

// The fixture period: October 2026, scored on the run of 2 November.
var (
	periodFrom = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	periodTo   = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	generated  = time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
)

// Crawled text that must stay inert in a cell.
var evilTitles = []string{
	`=HYPERLINK("http://x","y")`,
	`+cmd|' /C calc'!A0`,
	`@SUM(1)`,
	`-2+3`,
}

// longTitle is over Excel's cell limit.
var longTitle = strings.Repeat("长", 40000)

const oddUnitName = `教育/局:*?[测试]"<>|`

// fixture builds a store with the etl schema and calendar, the metric
// macros, and a few units with items, letters and page fetches.
func fixture(tb testing.TB) *sql.DB {
	tb.Helper()
	ctx := context.Background()
	st, err := etl.Open(ctx, filepath.Join(tb.TempDir(), "gongkai.duckdb"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	db := st.DB()
	if err := queries.Install(ctx, db); err != nil {
		tb.Fatal(err)
	}
	exec := func(q string, args ...any) {
		tb.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO runs (run_id, period, started_at, finished_at, cutoff, complete, version, loaded_at) VALUES
		('r20261002', '2026-09', TIMESTAMP '2026-10-02 01:00:00', TIMESTAMP '2026-10-02 03:00:00', DATE '2026-10-02', true, 'test', TIMESTAMP '2026-10-02 04:00:00'),
		('r20261102', '2026-10', TIMESTAMP '2026-11-02 01:00:00', TIMESTAMP '2026-11-02 03:00:00', DATE '2026-11-02', true, 'test', TIMESTAMP '2026-11-02 04:00:00')`)
	type unit struct {
		id, name, kind, group string
		mailbox               bool
	}
	units := []unit{
		{"edu", "区教育局", "部门", "部门", true},
		{"health", "区卫生健康委员会", "部门", "部门", true},
		{"odd", oddUnitName, "部门", "部门", false},
		{"town", "城关镇", "乡镇", "乡镇街道", true},
		{"street", "东城街道", "街道", "乡镇街道", false},
	}
	cols := []struct{ id, name, cat string }{
		{"bmdt", "部门动态", "部门动态"},
		{"tzgg", "通知公告", "通知公告"},
		{"zcwj", "政策文件", "政策文件"},
		{"zcjd", "政策解读", "政策解读"},
		{"jgld", "机构领导", "机构领导"},
	}
	for ui, u := range units {
		host := fmt.Sprintf("http://%s.gov.test", u.id)
		exec(`INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, 'r20261102')`, u.id, u.name, u.kind, u.group, host+"/", u.mailbox)
		for pos, c := range cols {
			exec(`INSERT INTO columns (unit_id, column_id, name, url, category, category_source, profile, last_run, position)
				VALUES (?, ?, ?, ?, ?, 'rule', 'trs', 'r20261102', ?)`, u.id, c.id, c.name, host+"/"+c.id+"/", c.cat, pos)
			outcome := "ok"
			if u.id == "street" && c.id == "tzgg" {
				outcome = "blocked"
			}
			for _, run := range []string{"r20261002", "r20261102"} {
				exec(`INSERT INTO column_runs (run_id, unit_id, column_id, kind, url, profile, pages, found, complete, incremental, outcome)
					VALUES (?, ?, ?, 'column', ?, 'trs', 1, 1, true, false, ?)`, run, u.id, c.id, host+"/"+c.id+"/", outcome)
			}
		}
		exec(`INSERT INTO home_observations (run_id, unit_id, url, ok, status, newest_date, newest_url, newest_title, fetched_at)
			VALUES ('r20261102', ?, ?, true, 200, ?, ?, '首页新闻', TIMESTAMP '2026-11-02 01:00:00')`,
			u.id, host+"/", []string{"2026-10-30", "2026-10-20", "2026-10-30", "2026-09-01", "2026-10-31"}[ui], host+"/bmdt/news.html")
		// Page fetches: the street's notices column is blocked by a WAF.
		for p := 0; p < 20; p++ {
			outcome := "ok"
			if u.id == "street" && p < 3 {
				outcome = "blocked"
			}
			if u.id == "health" && p == 0 {
				outcome = "failed"
			}
			exec(`INSERT INTO page_attempts (run_id, unit_id, column_id, kind, method, url, attempt, status, outcome, fetched_at)
				VALUES ('r20261102', ?, 'bmdt', 'list', 'GET', ?, 1, 200, ?, TIMESTAMP '2026-11-02 01:00:00')`,
				u.id, fmt.Sprintf("%s/page%d.html", host, p), outcome)
		}
		if u.mailbox {
			exec(`INSERT INTO mailboxes (unit_id, mailbox_id, name, url, format, last_run, position) VALUES (?, 'xx', '领导信箱', ?, 'table', 'r20261102', 0)`, u.id, host+"/xx/")
			exec(`INSERT INTO column_runs (run_id, unit_id, column_id, kind, url, pages, found, complete, incremental, outcome)
				VALUES ('r20261102', ?, 'xx', 'mailbox', ?, 1, 1, true, false, 'ok')`, u.id, host+"/xx/")
		}
	}
	// Items: per unit a few in October, some late, one with a formula-like
	// title, one with an address that must not become a link.
	type item struct {
		unit, col, path, title string
		formed, published      string
		run                    string
	}
	var items []item
	for ui, u := range units {
		if u.id == "street" {
			continue // the street published nothing it could be seen to
		}
		for k := 0; k < 3+ui; k++ {
			items = append(items, item{u.id, "bmdt", fmt.Sprintf("/bmdt/2026/10/t%d.html", k),
				fmt.Sprintf("%s工作动态第%d期", u.name, k+1), "2026-10-05", fmt.Sprintf("2026-10-%02d", 8+k), "r20261102"})
		}
		items = append(items, item{u.id, "zcwj", "/zcwj/p1.html", u.name + "关于印发某办法的通知", "2026-08-03", "2026-10-09", "r20261102"})
		items = append(items, item{u.id, "zcjd", "/zcjd/j1.html", u.name + "某办法解读", "", "2026-10-10", "r20261102"})
		items = append(items, item{u.id, "tzgg", "/tzgg/old.html", "旧通知", "", "2026-03-01", "r20261002"})
	}
	for i, t := range evilTitles {
		items = append(items, item{"edu", "tzgg", fmt.Sprintf("/tzgg/evil%d.html", i), t, "2026-06-01", "2026-10-20", "r20261102"})
	}
	items = append(items, item{"edu", "tzgg", "/tzgg/long.html", longTitle, "2026-06-01", "2026-10-21", "r20261102"})
	items = append(items, item{"health", "tzgg", "javascript:alert(1)", "脚本地址", "2026-06-01", "2026-10-22", "r20261102"})
	for _, it := range items {
		url := "http://" + it.unit + ".gov.test" + it.path
		if strings.HasPrefix(it.path, "javascript:") {
			url = it.path
		}
		var formed any
		if it.formed != "" {
			formed = it.formed
		}
		cat := map[string]string{"bmdt": "部门动态", "tzgg": "通知公告", "zcwj": "政策文件", "zcjd": "政策解读"}[it.col]
		seen := "2026-11-02"
		if it.run == "r20261002" {
			seen = "2026-10-02"
		}
		exec(`INSERT INTO items (unit_id, canonical_url, url, column_id, category, title, publish_date, publish_raw, formed_date,
				detail_sha256, first_seen_run, last_seen_run, first_seen_date, last_seen_date)
			VALUES (?, ?, ?, ?, ?, ?, CAST(? AS DATE), ?, CAST(? AS DATE), ?, ?, 'r20261102', CAST(? AS DATE), DATE '2026-11-02')`,
			it.unit, url, url, it.col, cat, it.title, it.published, it.published, formed,
			fmt.Sprintf("%064x", len(url)*7919+len(it.title)), it.run, seen)
		exec(`INSERT INTO item_observations (run_id, unit_id, canonical_url, column_id, title, publish_date, formed_date, detail_fetched, url)
			VALUES (?, ?, ?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), true, ?)`,
			it.run, it.unit, url, it.col, it.title, it.published, formed, url)
	}
	// The health commission links its policy and interpretation both ways.
	exec(`INSERT INTO item_links VALUES ('health', 'http://health.gov.test/zcwj/p1.html', 'http://health.gov.test/zcjd/j1.html', 'r20261102'),
		('health', 'http://health.gov.test/zcjd/j1.html', 'http://health.gov.test/zcwj/p1.html', 'r20261102')`)
	// Letters.
	type letter struct {
		unit, key, typ, received, status, replied string
		showTime                                  bool
	}
	letters := []letter{
		{"edu", "L1", "咨询", "2026-10-09", "replied", "2026-10-12", true},
		{"edu", "L2", "投诉", "2026-10-10", "replied", "2026-11-01", false},
		{"edu", "L3", "咨询", "2026-10-12", "unreplied", "", true},
		{"health", "H1", "咨询", "2026-10-13", "replied", "2026-10-14", true},
		{"town", "T1", "咨询", "2026-06-01", "unreplied", "", true},
		{"town", "T2", "建议", "2026-10-15", "replied", "2026-10-20", true},
	}
	for _, l := range letters {
		var replied any
		if l.replied != "" {
			replied = l.replied
		}
		url := fmt.Sprintf("http://%s.gov.test/xx/%s.html", l.unit, l.key)
		exec(`INSERT INTO letters (unit_id, mailbox_id, letter_key, letter_no, url, title, type, received_at, received_date, status,
				handler, replied_at, replied_date, shows_reply_time, shows_handler, shows_reply_content, detail_sha256, first_seen_run, last_seen_run)
			VALUES (?, 'xx', ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS DATE), ?, '办公室', CAST(? AS TIMESTAMP), CAST(? AS DATE), ?, true, true, ?, ?, 'r20261102')`,
			l.unit, l.key, l.key, url, "关于"+l.key+"的来信", l.typ, l.received, l.received, l.status, replied, replied, l.showTime,
			fmt.Sprintf("%064x", len(url)), map[bool]string{true: "r20261002", false: "r20261102"}[l.received < "2026-10-02"])
		exec(`INSERT INTO letter_observations (run_id, unit_id, mailbox_id, letter_key, status, handler, replied_date, url, title, type, received_date, shows_reply_time, shows_handler, shows_reply_content)
			VALUES ('r20261102', ?, 'xx', ?, ?, '办公室', CAST(? AS DATE), ?, ?, ?, CAST(? AS DATE), ?, true, true)`,
			l.unit, l.key, l.status, replied, url, "关于"+l.key+"的来信", l.typ, l.received, l.showTime)
	}
	// Verdicts as a crawler that writes them would: lists read to the end,
	// the street's notices blocked.
	exec(`UPDATE column_runs SET verdict = CASE outcome WHEN 'ok' THEN 'complete' ELSE outcome END,
		verdict_reason = CASE outcome WHEN 'blocked' THEN 'WAF 挑战页' END, verdict_derived = false, distinct_items = found`)
	exec(`UPDATE home_observations SET verdict = CASE WHEN ok THEN 'complete' ELSE 'failed' END, verdict_derived = false`)
	exec(`UPDATE runs SET default_cutoff = complete`)
	return db
}

func testOptions(db *sql.DB) Options {
	return Options{DB: db, From: periodFrom, To: periodTo, GeneratedAt: generated}
}
