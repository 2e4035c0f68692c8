package queries

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/rules"
)

// TestScorecardSwitches turns the rules' switches on over the fixture and
// compares the scorecard, row by row, with the plain-Go reference: the
// 舆情 deductions come off 互动回应 (fgw has a forward-only reply and an
// open repeated matter, jyj a forward-only reply), and a 年报 switch on
// units without a 年报 column makes them 待核实, the total unknown when
// the switch deducts.
func TestScorecardSwitches(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		edit func(*rules.Rules)
	}{
		{"舆情 deductions", func(r *rules.Rules) { r.Opinion.Deduct = rules.Deduct{Boilerplate: 3, UnansweredRepeat: 5} }},
		{"年报 veto", func(r *rules.Rules) { r.AnnualReport.Penalties["未发布"] = rules.AnnualPenalty{Veto: true} }},
		{"年报 deduction", func(r *rules.Rules) { r.AnnualReport.Penalties["逾期发布"] = rules.AnnualPenalty{Deduct: 2} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openFixture(t)
			r, err := rules.Default(2026)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(r)
			if err := rules.Install(ctx, db, r); err != nil {
				t.Fatal(err)
			}
			x := newRef(readDataset(t, db), testCalendar(), r)
			for _, p := range periods {
				tab, err := Run(ctx, db, "scorecard", date(p.from), date(p.to), nil)
				if err != nil {
					t.Fatal(err)
				}
				compareRef(t, "scorecard "+p.name, tab, x.all(date(p.from), date(p.to), nil)["scorecard"])
			}
		})
	}
}
