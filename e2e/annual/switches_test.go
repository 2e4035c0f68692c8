package annual

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/internal/filecopy"
	"github.com/gongkai/gongkai/rules"
)

// scoreRow is a unit's scorecard line as the switch tests compare it.
type scoreRow struct {
	total         sql.NullFloat64
	grade, vetoes string
	pending       sql.NullString
	interaction   sql.NullFloat64
}

// switchedScores copies the published store, installs the 2026 rules with
// the other vetoes off (so a grade shows only what the switches do) and
// edit applied, and returns each unit's scorecard for February 2026, whose
// 年报 is the one for 2025.
func switchedScores(t *testing.T, f *fixture, edit func(*rules.Rules)) map[string]scoreRow {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.duckdb")
	if err := filecopy.Copy(filepath.Join(filepath.Dir(f.root), "g.duckdb"), path); err != nil {
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
	r.Vetoes = rules.Vetoes{}
	edit(r)
	if err := rules.Install(ctx, db, r); err != nil {
		t.Fatal(err)
	}
	rs, err := db.QueryContext(ctx, `SELECT unit_id, total, grade, vetoes, pending, interaction_points
		FROM scorecard(DATE '2026-02-01', DATE '2026-02-28')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	out := map[string]scoreRow{}
	for rs.Next() {
		var id string
		var s scoreRow
		if err := rs.Scan(&id, &s.total, &s.grade, &s.vetoes, &s.pending, &s.interaction); err != nil {
			t.Fatal(err)
		}
		out[id] = s
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (s scoreRow) String() string {
	total := "NULL"
	if s.total.Valid {
		total = fmt.Sprintf("%.2f", s.total.Float64)
	}
	return fmt.Sprintf("%s %s [%s] %s", total, s.grade, s.vetoes, s.pending.String)
}

// band is the grade of a total under the 2026 rules with no veto.
func band(total float64) string {
	switch {
	case total >= 90:
		return "优秀"
	case total >= 80:
		return "良好"
	case total >= 60:
		return "合格"
	}
	return "不合格"
}

// pendingPlus is the pending text of a unit whose base pending is base
// and which also waits for what.
func pendingPlus(base sql.NullString, what string) string {
	if base.Valid {
		return base.String + "; " + what
	}
	return "待核实: " + what
}

// TestAnnualSwitches: with the 年报 switches on, each unit of the annual
// farm gets exactly the deduction or veto its case calls for; a unit whose
// 年报 column is not configured or not read is 待核实, never vetoed or
// scored as if it had no finding.
func TestAnnualSwitches(t *testing.T) {
	f := setup(t)
	base := switchedScores(t, f, func(*rules.Rules) {})
	for _, u := range f.truth.Units {
		b := base[u.ID]
		if !b.total.Valid || b.grade != band(b.total.Float64) || b.vetoes != "" || b.pending.Valid {
			t.Fatalf("%s: switches off, scored %s; want a total, its grade and nothing pending", u.ID, b)
		}
	}
	const late, errs = 2.5, 3.0
	on := switchedScores(t, f, func(r *rules.Rules) {
		r.AnnualReport.Penalties = map[string]rules.AnnualPenalty{
			"未发布": {Veto: true}, "逾期发布": {Deduct: late}, "勾稽错误": {Deduct: errs}}
	})
	vetoOnly := switchedScores(t, f, func(r *rules.Rules) {
		r.AnnualReport.Penalties = map[string]rules.AnnualPenalty{"未发布": {Veto: true}}
	})
	want, got := map[string]string{}, map[string]string{}
	wantVeto, gotVeto := map[string]string{}, map[string]string{}
	for _, u := range f.truth.Units {
		b := base[u.ID]
		total := b.total.Float64
		kinds := map[string]bool{}
		for _, fd := range u.Findings {
			kinds[fd.Kind] = true
		}
		w := scoreRow{total: b.total, grade: band(total)}
		wv := scoreRow{total: b.total, grade: band(total)}
		switch {
		case u.Case == "missing":
			w.grade, w.vetoes = "不合格", "年报未发布"
			wv.grade, wv.vetoes = "不合格", "年报未发布"
		case u.Case == "image" || u.Case == "pdf":
			// The tables cannot be checked: a 勾稽 deduction waits.
			w.total, w.grade = sql.NullFloat64{}, "待核实"
			w.pending = sql.NullString{String: "待核实: 年报勾稽错误(表格无法核对)", Valid: true}
		default:
			if kinds["逾期发布"] {
				total -= late
			}
			if kinds["勾稽错误"] {
				total -= errs
			}
			w.total = sql.NullFloat64{Float64: total, Valid: true}
			w.grade = band(total)
		}
		want[u.ID], got[u.ID] = w.String(), on[u.ID].String()
		wantVeto[u.ID], gotVeto[u.ID] = wv.String(), vetoOnly[u.ID].String()
	}
	for _, id := range []string{unreadUnit, noColumnUnit} {
		why := map[string]string{unreadUnit: "年报栏目未完整采集", noColumnUnit: "未配置年报栏目"}[id]
		b := base[id]
		// Every switched-on finding waits: the deductions leave the total
		// unknown, the veto the grade.
		want[id] = scoreRow{grade: "待核实", pending: sql.NullString{String: pendingPlus(b.pending, "年报未发布、逾期发布、勾稽错误("+why+")"), Valid: true}}.String()
		got[id] = on[id].String()
		wantVeto[id] = scoreRow{total: b.total, grade: "待核实", pending: sql.NullString{String: pendingPlus(b.pending, "年报未发布("+why+")"), Valid: true}}.String()
		gotVeto[id] = vetoOnly[id].String()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("未发布 veto, 逾期发布 −%g, 勾稽错误 −%g (-want +scorecard):\n%s", late, errs, diff)
	}
	if diff := cmp.Diff(wantVeto, gotVeto); diff != "" {
		t.Errorf("未发布 veto only (-want +scorecard):\n%s", diff)
	}
}
