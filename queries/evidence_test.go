package queries

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The fixture's evidence cases, checked by hand (see the end of
// testdata/fixture.sql): nothing is judged on a source that was not
// verified, an item whose page failed is not counted, and a removed item
// stops counting from its removal on.
func TestEvidenceRules(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	query := func(q string) []string {
		t.Helper()
		tab, err := RunSQL(ctx, db, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var out []string
		for _, r := range tab.Rows {
			parts := make([]string, len(r))
			for i, v := range r {
				parts[i] = norm(v)
			}
			out = append(out, strings.Join(parts, " | "))
		}
		return out
	}
	check := func(name, q string, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, query(q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	march := `DATE '2026-03-01', DATE '2026-03-31'`

	// cgz's mailbox was blocked at the March cutoff (04-01): 无可用信箱 and
	// 互动回应差 neither fire nor are ruled out, so cgz, which scores 82.45
	// on its other parts, is graded 待核实 without a total or a rank. Its
	// publish points stand: 3 items / (60 × 31/365) × 25 = 14.7177…, 14.72
	// as returned (points are rounded to 2 decimals on output).
	check("cgz vetoes 5 and 6",
		`SELECT veto_no, fired, undetermined FROM vetoes(`+march+`) WHERE unit_id = 'cgz' AND veto_no IN (5, 6) ORDER BY veto_no`,
		"5 | false | true", "6 | false | true")
	check("cgz scorecard",
		`SELECT grade, total, rank_in_group, interaction_points, publish_points, pending FROM scorecard(`+march+`) WHERE unit_id = 'cgz'`,
		"待核实 | NULL | NULL | NULL | 14.720000000 | 待核实: 互动回应的采集未完整; 互动回应差(待核实: 1个信箱未完整采集)、无可用信箱(待核实: 信箱未能访问(抓取失败或被拦截), 不能认定无可用信箱)")
	check("cgz mailbox to crawl again",
		`SELECT unit_id, source_kind, source_id, verdict, verdict_reason FROM recrawl_needed(`+march+`) ORDER BY ALL`,
		"cgz | mailbox | zzxx | blocked | WAF 挑战页",
		"dcjd | column | dt | suspect | 本次未读到条目, 此前读到过(选择器失效?)",
		"dcjd | column | tz | failed | NULL",
		"dcjd | home | home | failed | NULL")
	// dcjd has no mailbox at all (the rules say it must): veto 6 rests on
	// the configuration, not on a fetch, and fires; the grade stands at
	// 不合格 although other sources wait.
	check("dcjd veto 6 and grade",
		`SELECT v.fired, s.grade, s.pending FROM vetoes(`+march+`) v JOIN scorecard(`+march+`) s USING (unit_id)
		 WHERE unit_id = 'dcjd' AND veto_no = 6`,
		"true | 不合格 | NULL")
	// dcjd's home page failed at 04-01: 首页不更新 is undetermined, and its
	// tz column failed: its 栏目维护 waits.
	check("dcjd home veto and maintenance",
		`SELECT v.fired, v.undetermined, s.maintenance_points FROM vetoes(`+march+`) v JOIN scorecard(`+march+`) s USING (unit_id)
		 WHERE unit_id = 'dcjd' AND veto_no = 1`,
		"false | true | NULL")

	// fgw's i9 (03-26) was listed but its page failed: 5 items published
	// in March are counted, i9 apart, and the timeliness denominator does
	// not see it.
	check("fgw publish summary",
		`SELECT published, listed_unverified FROM publish_summary(`+march+`) WHERE unit_id = 'fgw'`,
		"2 | 1")
	check("fgw listed, not verified",
		`SELECT url, detail_error FROM listed_unverified(`+march+`)`,
		"http://fgw.test/dt/i9.html | status 503")

	// jyj's k3 (01-20) was first listed on 03-02 and gone by 04-01.
	for _, tc := range []struct{ cutoff, want string }{{"2026-03-02", "1"}, {"2026-04-01", "0"}} {
		check("jyj January items as of "+tc.cutoff,
			fmt.Sprintf(`SELECT coalesce(sum(items), 0) FROM publish_counts(DATE '2026-01-01', DATE '2026-01-31', cutoff := DATE '%s')
			 WHERE unit_id = 'jyj' AND category = '部门动态'`, tc.cutoff), tc.want)
	}
	check("removed items",
		`SELECT url, last_seen_date, removed_date, removed_status FROM removed_items(DATE '2026-01-01', DATE '2026-12-31')`,
		"http://jyj.test/dt/k3.html | 2026-03-02 | 2026-04-01 | 404")
	check("removed items before the removal",
		`SELECT count(*) FROM removed_items(DATE '2026-01-01', DATE '2026-12-31', cutoff := DATE '2026-03-02')`, "0")
}

// A period past its cutoff is scored up to the cutoff, and a cutoff before
// the first crawl is an error.
func TestPeriodPastCutoff(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	// The year 2026 as of the newest run (04-01): the 部门 target of 120 a
	// year is pro-rated to 01-01..04-01, 91 days: 120 × 91/365.
	tab, err := RunSQL(ctx, db, `SELECT target, cutoff FROM publish_summary(DATE '2026-01-01', DATE '2026-12-31')
		JOIN (SELECT max(cutoff) AS cutoff FROM runs) ON true WHERE unit_id = 'fgw'`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := norm(tab.Rows[0][0]), norm(120.0*91/365); got != want {
		t.Errorf("target = %s, want %s (pro-rated to the cutoff)", got, want)
	}
	// Months: January to April; April had not ended by 04-01, so it is
	// shown but never blank; May on is not listed.
	tab, err = RunSQL(ctx, db, `SELECT month, published, blank, judged FROM blank_months(DATE '2026-01-01', DATE '2026-12-31')
		WHERE unit_id = 'cgz' ORDER BY month`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tab.Rows {
		got = append(got, fmt.Sprint(r...))
	}
	want := []string{"2026-011 false true", "2026-021 false true", "2026-033 false true", "2026-040 false false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blank months (-want +got):\n%s", diff)
	}
	before := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	_, err = Run(ctx, db, "scorecard", date("2025-11-01"), date("2025-11-30"), &before)
	if err == nil || !strings.Contains(err.Error(), "before the first crawl (2026-01-02)") {
		t.Errorf("cutoff before the first crawl: err = %v", err)
	}
}

// A letter due on the cutoff day still has that day: it is overdue only
// when the cutoff is after its deadline. fgw's L2 (投诉, received 02-13,
// in progress as of the 03-02 run) is due 15 working days later, 03-12.
func TestDueOnCutoffDay(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	var deadline time.Time
	if err := db.QueryRowContext(ctx, `SELECT gk.wd_add(DATE '2026-02-13', 15)`).Scan(&deadline); err != nil {
		t.Fatal(err)
	}
	if got := deadline.Format(time.DateOnly); got != "2026-03-12" {
		t.Fatalf("L2 deadline = %s, want 2026-03-12", got)
	}
	for _, tc := range []struct {
		cutoff  time.Time
		overdue bool
	}{{deadline, false}, {deadline.AddDate(0, 0, 1), true}} {
		c := tc.cutoff
		tab, err := Run(ctx, db, "letters_detail", date("2026-02-01"), date("2026-02-28"), &c)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range tab.Rows {
			if r[tab.Column("letter_key")] == "L2" {
				found = true
				if got := r[tab.Column("overdue")]; got != tc.overdue {
					t.Errorf("cutoff %s: L2 overdue = %v, want %v", c.Format(time.DateOnly), got, tc.overdue)
				}
			}
		}
		if !found {
			t.Errorf("cutoff %s: no L2", c.Format(time.DateOnly))
		}
	}
}
