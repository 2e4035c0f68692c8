package e2e

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// 政务舆情: every letter's topic, every surge and whether it was answered,
// every repeated matter and every boilerplate reply of the farm's truth,
// after run 1 and after runs 1+2, found exactly and nothing else.

// opinionState is a published database, the truth it holds and the period
// up to its cutoff.
type opinionState struct {
	name   string
	db     *sql.DB
	truth  *sitefarm.Truth
	period string
}

func opinionStates(p *pipeline) []opinionState {
	return []opinionState{
		{"after run 1", p.db1, p.normal, `DATE '2025-01-01', DATE '2026-10-31'`},
		{"after runs 1+2", p.db2, p.later, `DATE '2025-01-01', DATE '2026-11-30'`},
	}
}

func opinionRows(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestOpinionTopics(t *testing.T) {
	for _, st := range opinionStates(pl(t)) {
		t.Run(st.name, func(t *testing.T) { testOpinionTopics(t, st) })
	}
}

func testOpinionTopics(t *testing.T, st opinionState) {
	var want []string
	for _, u := range st.truth.Units {
		for _, mb := range u.Mailboxes {
			for _, l := range mb.Letters {
				want = append(want, u.ID+" "+l.No+" "+l.Topic)
			}
		}
	}
	slices.Sort(want)
	got := opinionRows(t, st.db, `SELECT unit_id || ' ' || letter_no || ' ' || topic
		FROM gk.op_letters(DATE '2000-01-01', DATE '2026-12-31', (SELECT max(cutoff) FROM runs), gk.rule_version(DATE '2026-01-01'))`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("letter topics (-truth +store):\n%s", diff)
	}
}

func TestOpinionSurges(t *testing.T) {
	for _, st := range opinionStates(pl(t)) {
		t.Run(st.name, func(t *testing.T) { testOpinionSurges(t, st) })
	}
}

func testOpinionSurges(t *testing.T, st opinionState) {
	var want, wantAnswered []string
	for _, u := range st.truth.Units {
		for _, s := range u.Surges {
			want = append(want, fmt.Sprintf("%s %s %s %s", u.ID, s.Topic, s.Month.Format("2006-01"), strings.Join(s.Letters, ",")))
			wantAnswered = append(wantAnswered, fmt.Sprintf("%s %s %s %v %s", u.ID, s.Topic, s.Month.Format("2006-01"), s.Answered, s.AnswerURL))
		}
	}
	slices.Sort(want)
	slices.Sort(wantAnswered)
	if len(want) == 0 {
		t.Fatal("the farm designs no surge")
	}
	got := opinionRows(t, st.db, `SELECT unit_id || ' ' || topic || ' ' || strftime(month, '%Y-%m') || ' ' || array_to_string(letter_nos, ',')
		FROM topic_surges(`+st.period+`)`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("surges (-truth +store):\n%s", diff)
	}
	got = opinionRows(t, st.db, `SELECT unit_id || ' ' || topic || ' ' || strftime(month, '%Y-%m') || ' ' || answered || ' ' || coalesce(answer_url, '')
		FROM surge_responses(`+st.period+`)`)
	if diff := cmp.Diff(wantAnswered, got); diff != "" {
		t.Errorf("surge responses (-truth +store):\n%s", diff)
	}
}

func TestOpinionRepeats(t *testing.T) {
	for _, st := range opinionStates(pl(t)) {
		t.Run(st.name, func(t *testing.T) { testOpinionRepeats(t, st) })
	}
}

func testOpinionRepeats(t *testing.T, st opinionState) {
	var want []string
	for _, u := range st.truth.Units {
		groups := map[string][]string{}
		var last = map[string]bool{}
		for _, mb := range u.Mailboxes {
			// Letters are newest first: the first seen of a group is its
			// latest letter.
			for _, l := range mb.Letters {
				if l.Repeat == "" {
					continue
				}
				if _, seen := groups[l.Repeat]; !seen {
					last[l.Repeat] = l.Reply != "" && !l.Boilerplate
				}
				groups[l.Repeat] = append(groups[l.Repeat], l.No)
			}
		}
		for k, nos := range groups {
			if len(nos) < 2 {
				continue
			}
			slices.Sort(nos)
			want = append(want, fmt.Sprintf("%s %s %v", u.ID, strings.Join(nos, ","), last[k]))
		}
	}
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatal("the farm designs no repeated matter")
	}
	got := opinionRows(t, st.db, `SELECT unit_id || ' ' || array_to_string(list_sort(letter_nos), ',') || ' ' || closed
		FROM repeat_letters(`+st.period+`)`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("repeated matters (-truth +store):\n%s", diff)
	}
}

func TestOpinionBoilerplate(t *testing.T) {
	for _, st := range opinionStates(pl(t)) {
		t.Run(st.name, func(t *testing.T) { testOpinionBoilerplate(t, st) })
	}
}

func testOpinionBoilerplate(t *testing.T, st opinionState) {
	var want []string
	for _, u := range st.truth.Units {
		for _, mb := range u.Mailboxes {
			for _, l := range mb.Letters {
				if l.Boilerplate {
					want = append(want, u.ID+" "+l.No)
				}
			}
		}
	}
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatal("the farm designs no boilerplate reply")
	}
	got := opinionRows(t, st.db, `SELECT unit_id || ' ' || letter_no FROM boilerplate_replies(`+st.period+`)`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("boilerplate replies (-truth +store):\n%s", diff)
	}
}
