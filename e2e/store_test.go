package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/queries"
)

// query runs SQL on a database and returns normalised rows.
func query(tb testing.TB, db *sql.DB, q string, args ...any) []row {
	tb.Helper()
	t, err := queries.RunSQL(context.Background(), db, q, args...)
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	out := make([]row, 0, len(t.Rows))
	for _, r := range t.Rows {
		m := row{}
		for i, c := range t.Columns {
			m[c] = norm(r[i])
		}
		out = append(out, m)
	}
	return out
}

// storeStates are the databases with the view of everything loaded in
// them.
func (p *pipeline) storeStates() []struct {
	name string
	db   *sql.DB
	v    *view
} {
	return []struct {
		name string
		db   *sql.DB
		v    *view
	}{{"after run 1", p.db1, p.v1}, {"after runs 1+2", p.db2, p.v2}}
}

// TestStoreItems checks every item row against the truth: one row per
// canonical URL per unit (items listed only by a blocked column are
// unknown), the first column in config order and its category, the
// detail page's 发布日期 and 成文日期, the full title, first and last seen.
func TestStoreItems(t *testing.T) {
	p := pl(t)
	for _, s := range p.storeStates() {
		t.Run(s.name, func(t *testing.T) {
			var want []row
			perUnit := map[string]int64{}
			for _, uv := range s.v.units {
				for _, iv := range uv.sortedItems() {
					perUnit[uv.u.ID]++
					want = append(want, row{
						"unit_id": uv.u.ID, "canonical_url": iv.url,
						"column_id": iv.col.ID, "category": iv.col.Category,
						"title":        iv.it.Title,
						"publish_date": dateStr(iv.it.PublishDate), "formed_date": dateStr(iv.it.FormedDate),
						"first_seen_run": p.runID(iv.firstRun),
					})
				}
			}
			gotPerUnit := map[string]int64{}
			for _, r := range query(t, s.db, `SELECT unit_id, count(*) AS n FROM items GROUP BY unit_id`) {
				gotPerUnit[r["unit_id"].(string)] = r["n"].(int64)
			}
			if d := cmp.Diff(perUnit, gotPerUnit); d != "" {
				t.Errorf("items per unit (-want +got):\n%s", d)
			}
			got := query(t, s.db, `SELECT unit_id, canonical_url, column_id, category, title, publish_date, formed_date, first_seen_run FROM items`)
			compareRows(t, "items", want, got, "unit_id", "canonical_url")
		})
	}
}

// TestStoreColumns checks each configured column's category, mapped from
// its name by the built-in rules (the config gives none).
func TestStoreColumns(t *testing.T) {
	p := pl(t)
	var want []row
	for _, uv := range p.v2.units {
		for _, c := range uv.u.Columns {
			want = append(want, row{"unit_id": uv.u.ID, "column_id": c.ID, "category": c.Category})
		}
	}
	compareRows(t, "columns", want, query(t, p.db2, `SELECT unit_id, column_id, category FROM columns`), "unit_id", "column_id")
}

// TestStoreLetters checks every letter's current state and its
// observations, one per run that listed it.
func TestStoreLetters(t *testing.T) {
	p := pl(t)
	for _, s := range p.storeStates() {
		t.Run(s.name, func(t *testing.T) {
			var want, wantObs []row
			for _, uv := range s.v.units {
				for _, lv := range uv.letters {
					l := lv.l
					r := row{
						"unit_id": uv.u.ID, "mailbox_id": lv.mb.ID, "letter_no": l.No,
						"type": l.Type, "status": l.Status, "received_date": dateStr(l.Received),
						"replied_date": nil, "title": l.Title,
						"first_seen_run": p.runID(lv.firstRun), "last_seen_run": p.runID(lv.lastRun),
					}
					if lv.replyKnown() {
						r["replied_date"] = dateStr(l.Replied)
					}
					// Disclosure flags matter for replied letters only.
					if l.Status == "replied" {
						r["shows_reply_time"], r["shows_handler"], r["shows_reply_content"] = l.ShowsReplyTime, l.ShowsHandler, l.ShowsReplyContent
					}
					want = append(want, r)
					for i, st := range lv.statuses {
						wantObs = append(wantObs, row{"run_id": p.runID(lv.firstRun + i), "letter_no": l.No, "status": st})
					}
				}
			}
			got := query(t, s.db, `SELECT unit_id, mailbox_id, letter_no, type, status, received_date, replied_date, title,
				first_seen_run, last_seen_run, shows_reply_time, shows_handler, shows_reply_content FROM letters`)
			compareRows(t, "letters", want, got, "unit_id", "mailbox_id", "letter_no")
			obs := query(t, s.db, `SELECT o.run_id, l.letter_no, o.status FROM letter_observations o
				JOIN letters l USING (unit_id, mailbox_id, letter_key)`)
			compareRows(t, "letter observations", wantObs, obs, "run_id", "letter_no")
		})
	}
}

// TestStoreTwoRuns checks what only a second run can show: new items,
// the item taken down (last seen in run 1), the back-dated post (a
// back_dated finding in run 2), and a letter open in run 1 and answered in
// run 2.
func TestStoreTwoRuns(t *testing.T) {
	p := pl(t)
	t.Run("added items first seen in run 2", func(t *testing.T) {
		want := map[string]string{}
		for _, uv := range p.v2.units {
			for _, iv := range uv.items {
				if iv.it.Added {
					want[iv.url] = p.runID(2)
				}
			}
		}
		if len(want) == 0 {
			t.Fatal("the later farm adds no item")
		}
		got := map[string]string{}
		for _, r := range query(t, p.db2, `SELECT canonical_url, first_seen_run FROM items WHERE first_seen_run = ?`, p.runID(2)) {
			got[r["canonical_url"].(string)] = r["first_seen_run"].(string)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("items first seen in run 2 (-want +got):\n%s", d)
		}
	})
	t.Run("deleted item last seen in run 1", func(t *testing.T) {
		if len(p.later.Deleted) != 1 {
			t.Fatalf("later truth deletes %d items, want 1", len(p.later.Deleted))
		}
		url := canonURL(p.later.Deleted[0].URL)
		got := query(t, p.db2, `SELECT first_seen_run, last_seen_run FROM items WHERE canonical_url = ?`, url)
		want := []row{{"first_seen_run": p.runID(1), "last_seen_run": p.runID(1)}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("deleted item %s (-want +got):\n%s", url, d)
		}
		// Every other item is still on its site in run 2: items.last_seen_run
		// older than the newest run means the item disappeared (schema
		// comment), so no other item may be last seen in run 1.
		n := query(t, p.db2, `SELECT count(*) AS n FROM items WHERE last_seen_run = ?`, p.runID(1))
		if n[0]["n"] != int64(1) {
			t.Errorf("%v items last seen in run 1, want 1 (only the deleted one): items the incremental run 2 did not page to look deleted", n[0]["n"])
		}
	})
	t.Run("back-dated post", func(t *testing.T) {
		var want []row
		for _, uv := range p.v2.units {
			for _, iv := range uv.sortedItems() {
				if iv.it.BackDated {
					want = append(want, row{"run_id": p.runID(2), "unit_id": uv.u.ID, "kind": "back_dated", "subject": iv.url})
				}
			}
		}
		if len(want) != 1 {
			t.Fatalf("truth has %d back-dated items, want 1", len(want))
		}
		got := query(t, p.db2, `SELECT run_id, unit_id, kind, subject FROM findings WHERE kind = 'back_dated'`)
		compareRows(t, "back_dated findings", want, got, "unit_id", "subject")
		if got := query(t, p.db1, `SELECT count(*) AS n FROM findings WHERE kind = 'back_dated'`); got[0]["n"] != int64(0) {
			t.Errorf("after run 1: %v back_dated findings, want 0", got[0]["n"])
		}
	})
	t.Run("letter answered between runs", func(t *testing.T) {
		var answered []*letterView
		for _, uv := range p.v2.units {
			for _, lv := range uv.letters {
				if len(lv.statuses) == 2 && lv.statuses[0] != "replied" && lv.statuses[1] == "replied" {
					answered = append(answered, lv)
				}
			}
		}
		if len(answered) == 0 {
			t.Fatal("no letter in the truth is answered between the runs")
		}
		for _, lv := range answered {
			got := query(t, p.db2, `SELECT o.run_id, o.status FROM letter_observations o JOIN letters l USING (unit_id, mailbox_id, letter_key)
				WHERE l.letter_no = ? ORDER BY o.run_id`, lv.l.No)
			want := []row{{"run_id": p.runID(1), "status": lv.statuses[0]}, {"run_id": p.runID(2), "status": "replied"}}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("letter %s observations (-want +got):\n%s", lv.l.No, d)
			}
			cur := query(t, p.db2, `SELECT status FROM letters WHERE letter_no = ?`, lv.l.No)
			if d := cmp.Diff([]row{{"status": "replied"}}, cur); d != "" {
				t.Errorf("letter %s current status (-want +got):\n%s", lv.l.No, d)
			}
		}
	})
}

// TestStoreWorkingDaySpans checks the store's working-day arithmetic
// against the Go calendar for every item with a 成文日期 and for every
// letter's reply, and the special days by name.
func TestStoreWorkingDaySpans(t *testing.T) {
	p := pl(t)
	var want []row
	for _, uv := range p.v2.units {
		for _, iv := range uv.sortedItems() {
			if iv.it.FormedDate.IsZero() {
				continue
			}
			want = append(want, row{"canonical_url": iv.url, "wd": int64(p.cal.span(iv.it.FormedDate, iv.it.PublishDate))})
		}
	}
	got := query(t, p.db2, `SELECT canonical_url, workdays_between(formed_date, publish_date) AS wd FROM items WHERE formed_date IS NOT NULL`)
	compareRows(t, "item working days 成文→发布", want, got, "canonical_url")

	for _, tc := range []struct {
		a, b time.Time
		want int
	}{
		// Friday before the make-up Saturday 2026-02-14, then the Spring
		// Festival holiday (2026-02-15..23): 02-14, 02-24, 25, 26, 27.
		{day(2026, 2, 13), day(2026, 2, 27), 5},
		{day(2026, 2, 13), day(2026, 2, 14), 1},
		{day(2026, 2, 14), day(2026, 2, 23), 0},
		{day(2026, 9, 30), day(2026, 10, 8), 1},  // National Day holiday 10-01..07
		{day(2026, 10, 9), day(2026, 10, 12), 2}, // make-up Saturday 10-10
	} {
		name := fmt.Sprintf("%s..%s", tc.a.Format(time.DateOnly), tc.b.Format(time.DateOnly))
		if g := p.cal.span(tc.a, tc.b); g != tc.want {
			t.Errorf("Go calendar %s: %d working days, want %d", name, g, tc.want)
		}
		got := query(t, p.db2, `SELECT workdays_between(CAST(? AS DATE), CAST(? AS DATE)) AS wd`, tc.a.Format(time.DateOnly), tc.b.Format(time.DateOnly))
		if got[0]["wd"] != int64(tc.want) {
			t.Errorf("store %s: %v working days, want %d", name, got[0]["wd"], tc.want)
		}
	}
}

// TestStoreFindings checks run 1's data-quality findings against the
// truth: every item without 成文日期, every item listed in two columns,
// and nothing else (every date parses, every column name maps, no drift).
func TestStoreFindings(t *testing.T) {
	p := pl(t)
	var want []row
	for _, uv := range p.v1.units {
		for _, iv := range uv.sortedItems() {
			if iv.it.FormedDate.IsZero() {
				want = append(want, row{"unit_id": uv.u.ID, "kind": "missing_formed_date", "subject": iv.url})
			}
			n := 0
			for _, c := range uv.u.Columns {
				if !c.Blocked && containsItem(uv.colItems[c.ID], iv.it) {
					n++
				}
			}
			if n > 1 {
				want = append(want, row{"unit_id": uv.u.ID, "kind": "duplicate_across_columns", "subject": iv.url})
			}
		}
	}
	got := query(t, p.db1, `SELECT unit_id, kind, subject FROM findings WHERE run_id = ?`, p.runID(1))
	compareRows(t, "run 1 findings", want, got, "unit_id", "kind", "subject")
}
