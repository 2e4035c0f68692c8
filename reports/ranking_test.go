package reports

import (
	"fmt"
	"strings"
	"testing"
)

// TestRankingOrder: vetoed units rank after every unit not vetoed, units
// graded 待核实 sit unranked between, ties share a rank, and each group
// is ranked on its own; with VetoedInPlace the scorecard's ranks stay.
func TestRankingOrder(t *testing.T) {
	cols := []string{"unit_id", "kind_group", "total", "grade", "veto_count", "rank_overall", "rank_in_group"}
	row := func(id, group string, total any, grade string, vetoes int64, rank int64) []any {
		return []any{id, group, total, grade, vetoes, rank, rank}
	}
	in := &Table{Columns: cols, Rows: [][]any{
		row("a", "部门", 92.5, "不合格", 1, 1), // vetoed, highest total
		row("b", "部门", 85.0, "良好", 0, 2),
		row("c", "乡镇街道", 85.0, "良好", 0, 2),
		row("d", "部门", nil, "待核实", 0, 0),
		row("e", "乡镇街道", 70.0, "不合格", 2, 4),
		row("f", "部门", 88.0, "待核实", 0, 2), // a pending veto: total known
		row("g", "部门", 61.0, "合格", 0, 5),
	}}
	got := bulletinRanks(in, true)
	var order []string
	for _, r := range got.Rows {
		order = append(order, fmt.Sprintf("%s:%v/%v", r[0], r[5], r[6]))
	}
	// overall: b, c tie at 1; g 3; f, d unranked; a and e follow the three
	// graded units. In 部门: b 1, g 2, a 3; in 乡镇街道: c 1, e 2.
	want := "b:1/1 c:1/1 g:3/2 f:<nil>/<nil> d:<nil>/<nil> a:4/3 e:5/2"
	if s := strings.Join(order, " "); s != want {
		t.Errorf("order = %s\nwant    %s", s, want)
	}
	if in.Rows[0][5] != int64(1) {
		t.Error("bulletinRanks changed its input")
	}
	if same := bulletinRanks(in, false); same != in {
		t.Error("without vetoedLast the scorecard's ranks must stay")
	}
}

// TestRankingSheetVetoedLast: on every ranking sheet of the fixture, no
// vetoed unit is listed above a unit that was not vetoed.
func TestRankingSheetVetoedLast(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	sc := metric(t, "scorecard")
	vetoed := map[string]bool{}
	for _, r := range sc.Rows {
		if n, _ := toFloat(r[sc.Column("veto_count")]); n > 0 {
			vetoed[text(r[sc.Column("unit_name")])] = true
		}
	}
	if len(vetoed) == 0 {
		t.Fatal("the fixture has no vetoed unit")
	}
	for _, sheet := range []string{"综合排名", "部门排名", "乡镇街道排名"} {
		hc := headerCols(t, f, sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		seenVetoed := ""
		listed := 0
		for _, r := range rows[headerRow:] {
			if len(r) < hc["单位"] || r[0] == "合计" {
				break
			}
			name := r[hc["单位"]-1]
			listed++
			if vetoed[name] {
				seenVetoed = name
				if r[hc["等次"]-1] != "不合格" {
					t.Errorf("%s: vetoed %s graded %s", sheet, name, r[hc["等次"]-1])
				}
			} else if seenVetoed != "" {
				t.Errorf("%s: %s (not vetoed) listed after vetoed %s", sheet, name, seenVetoed)
			}
		}
		if listed == 0 {
			t.Errorf("%s: no units listed", sheet)
		}
	}
}
