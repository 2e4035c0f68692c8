package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/internal/filecopy"
	"github.com/gongkai/gongkai/rules"
)

// opinionScores copies the database after run 1, installs the 2026 rules
// with the 舆情 deductions set, and returns each unit's interaction points,
// raw points, points available and total over the opinion period.
func opinionScores(t *testing.T, p *pipeline, boilerplate, repeat float64) map[string][4]sql.NullFloat64 {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "run1.duckdb")
	if err := filecopy.Copy(filepath.Join(filepath.Dir(p.root), "run1.duckdb"), path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := rules.Default(2026)
	if err != nil {
		t.Fatal(err)
	}
	r.Opinion.Deduct = rules.Deduct{Boilerplate: boilerplate, UnansweredRepeat: repeat}
	if err := rules.Install(ctx, db, r); err != nil {
		t.Fatal(err)
	}
	rs, err := db.QueryContext(ctx, `SELECT unit_id, interaction_points, raw_points, max_points, total
		FROM scorecard(`+opinionStates(p)[0].period+`)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	out := map[string][4]sql.NullFloat64{}
	for rs.Next() {
		var id string
		var v [4]sql.NullFloat64
		if err := rs.Scan(&id, &v[0], &v[1], &v[2], &v[3]); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOpinionDeductions: with opinion.deduct on, each unit's 互动回应 loses
// exactly the points for its boilerplate replies and open repeated matters
// of the farm's truth (floor 0), and the total follows; a unit whose
// 互动回应 waits for its mailboxes stays 待核实.
func TestOpinionDeductions(t *testing.T) {
	p := pl(t)
	st := opinionStates(p)[0]
	const perReply, perRepeat = 0.5, 2.0
	boiler, open := map[string]int{}, map[string]int{}
	for _, u := range st.truth.Units {
		groups, closed := map[string]int{}, map[string]bool{}
		for _, mb := range u.Mailboxes {
			for _, l := range mb.Letters { // newest first
				if l.Boilerplate {
					boiler[u.ID]++
				}
				if l.Repeat == "" {
					continue
				}
				if _, seen := groups[l.Repeat]; !seen {
					closed[l.Repeat] = l.Reply != "" && !l.Boilerplate
				}
				groups[l.Repeat]++
			}
		}
		for k, n := range groups {
			if n >= 2 && !closed[k] {
				open[u.ID]++
			}
		}
	}
	base := opinionScores(t, p, 0, 0)
	on := opinionScores(t, p, perReply, perRepeat)
	show := func(v [4]sql.NullFloat64) string {
		s := ""
		for _, x := range []sql.NullFloat64{v[0], v[3]} {
			if x.Valid {
				s += fmt.Sprintf("%.4f ", x.Float64)
			} else {
				s += "NULL "
			}
		}
		return s
	}
	want, got := map[string]string{}, map[string]string{}
	deducted := 0
	for id, b := range base {
		w := b
		if b[0].Valid {
			after := math.Max(b[0].Float64-perReply*float64(boiler[id])-perRepeat*float64(open[id]), 0)
			w[0].Float64 = after
			if after < b[0].Float64 {
				deducted++
			}
			if b[3].Valid {
				w[3].Float64 = math.Round((b[1].Float64-(b[0].Float64-after))*100/b[2].Float64*100) / 100
			}
		}
		want[id], got[id] = show(w), show(on[id])
	}
	if deducted == 0 {
		t.Fatal("no unit with 互动回应 has a boilerplate reply or an open repeated matter")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("互动回应 and total with %g per boilerplate reply, %g per open repeat (-truth +scorecard):\n%s", perReply, perRepeat, diff)
	}
}
