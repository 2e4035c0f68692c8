package reports

import (
	"math"
	"sort"
)

// The 通报's ranking, written out in Go as the reference the workbook is
// checked against: sheet_ranking (queries/sql/076_sheets.sql) computes it
// in SQL, and the workbook prints what the macro gives.

// bulletinRanks returns the units with rank_overall and rank_in_group
// renumbered so that, when vetoedLast, every vetoed unit ranks after every
// unit that was not vetoed: graded units by total (ties share a rank),
// units graded 待核实 unranked after them, then vetoed units by total,
// their ranks following the graded units'. The rows are copies, in that
// order; without vetoedLast the scorecard's own ranks and order stay.
func bulletinRanks(t *Table, vetoedLast bool) *Table {
	if !vetoedLast {
		return t
	}
	out := &Table{Name: t.Name, Columns: t.Columns, Types: t.Types}
	for _, r := range t.Rows {
		out.Rows = append(out.Rows, append([]any{}, r...))
	}
	col := func(name string) int {
		for i, c := range t.Columns {
			if c == name {
				return i
			}
		}
		return -1
	}
	total := func(r []any) float64 {
		if f, ok := toFloat(valueOf(t, r, "total")); ok {
			return f
		}
		return math.Inf(-1)
	}
	rank := func(rankCol int, group func([]any) string) {
		if rankCol < 0 {
			return
		}
		// graded[g] counts the graded units of a group, which the vetoed
		// units' ranks follow.
		graded := map[string]int{}
		for _, r := range out.Rows {
			if place(t, r) == placeGraded {
				graded[group(r)]++
			}
		}
		for _, r := range out.Rows {
			p := place(t, r)
			if p == placePending || valueOf(t, r, "total") == nil {
				r[rankCol] = nil
				continue
			}
			above := 0
			for _, o := range out.Rows {
				if group(o) == group(r) && place(t, o) == p && valueOf(t, o, "total") != nil && total(o) > total(r) {
					above++
				}
			}
			n := int64(above + 1)
			if p == placeVetoed {
				n += int64(graded[group(r)])
			}
			r[rankCol] = n
		}
	}
	rank(col("rank_overall"), func([]any) string { return "" })
	rank(col("rank_in_group"), func(r []any) string { return text(valueOf(t, r, "kind_group")) })
	sort.SliceStable(out.Rows, func(i, j int) bool {
		a, b := out.Rows[i], out.Rows[j]
		if pa, pb := place(t, a), place(t, b); pa != pb {
			return pa < pb
		}
		return total(a) > total(b)
	})
	return out
}
