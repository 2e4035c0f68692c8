package reports

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"sort"

	"github.com/xuri/excelize/v2"
)

// rankingSheets writes the overall ranking (综合排名) and one ranking per
// kind group (部门排名, 乡镇街道排名), each with its 合计 row.
func rankingSheets(ctx context.Context, b *book, fe fetcher, ranking, totals *Table) error {
	sub := subtitle(fe.opts, ranking)
	if err := b.rankingSheet(ctx, "综合排名", "综合排名（全部单位）", sub, "rank_overall", ranking, ranking.Rows, totalFor(totals, "")); err != nil {
		return err
	}
	for _, g := range groups(ranking) {
		var rows [][]any
		for _, r := range ranking.Rows {
			if text(valueOf(ranking, r, "kind_group")) == g {
				rows = append(rows, r)
			}
		}
		if fe.opts.VetoedInPlace {
			sortByInt(ranking, rows, "rank_in_group")
		} // else the rows are already in sheet_ranking's 通报 order
		name := SheetName(g + "排名")
		if err := b.rankingSheet(ctx, name, g+"排名", sub, "rank_in_group", ranking, rows, totalFor(totals, g)); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) rankingSheet(ctx context.Context, sheet, title, sub, rank string, t *Table, rows [][]any, total *Table) error {
	cols := rankingCols(rank)
	last, err := b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: sheet, title: title, subtitle: sub, cols: cols},
		src:    tableRows{t: t, rows: rows},
		total:  total,
		filter: true,
	})
	if err != nil {
		return err
	}
	if last > headerRow {
		if err := b.gradeFormats(sheet, cols, headerRow+1, last); err != nil {
			return err
		}
	}
	if total != nil {
		last++
	}
	return b.signature(plainSink{b.f, sheet}, sheet, last+2, len(cols), b.opts)
}

// gradeFormats colours the grade cells by their value and highlights the
// rows of vetoed units, with native conditional formats so the colours
// follow the cells when a reader sorts or filters.
func (b *book) gradeFormats(sheet string, cols []column, first, last int) error {
	gradeCol, vetoCol := 0, 0
	var changeCols []int
	for i, c := range cols {
		switch {
		case c.name == "grade":
			gradeCol = i + 1
		case c.name == "vetoes":
			vetoCol = i + 1
		case c.kind == kChange:
			changeCols = append(changeCols, i+1)
		}
	}
	for _, col := range changeCols {
		up, down := b.st.up, b.st.down
		// "—" is text, and Excel ranks text above every number: test for
		// a number first.
		ref, _ := excelize.CoordinatesToCellName(col, first, false)
		if err := b.f.SetConditionalFormat(sheet, rangeRef(col, first, col, last), []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>0)", ref, ref), Format: &up},
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<0)", ref, ref), Format: &down},
		}); err != nil {
			return fmt.Errorf("change colours on %s: %w", sheet, err)
		}
	}
	if gradeCol > 0 {
		var rules []excelize.ConditionalFormatOptions
		for _, g := range gradeColours {
			id := b.st.grade[g.grade]
			rules = append(rules, excelize.ConditionalFormatOptions{
				Type: "cell", Criteria: "==", Value: `"` + g.grade + `"`, Format: &id,
			})
		}
		if err := b.f.SetConditionalFormat(sheet, rangeRef(gradeCol, first, gradeCol, last), rules); err != nil {
			return fmt.Errorf("grade colours on %s: %w", sheet, err)
		}
	}
	if vetoCol > 0 {
		col, _ := excelize.ColumnNumberToName(vetoCol)
		id := b.st.vetoRow
		rule := []excelize.ConditionalFormatOptions{{
			Type: "formula", Criteria: fmt.Sprintf(`LEN($%s%d)>0`, col, first), Format: &id,
		}}
		if err := b.f.SetConditionalFormat(sheet, rangeRef(1, first, len(cols), last), rule); err != nil {
			return fmt.Errorf("veto rows on %s: %w", sheet, err)
		}
	}
	return nil
}

// groups are the kind groups present, 部门 first.
func groups(t *Table) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range t.Rows {
		g := text(valueOf(t, r, "kind_group"))
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	for i := 1; i < len(out); i++ {
		if out[i] == "部门" {
			out[0], out[i] = out[i], out[0]
		}
	}
	return out
}

// totalFor picks one row of a totals table by its kind_group ("" overall).
func totalFor(totals *Table, group string) *Table {
	out := &Table{Name: totals.Name, Columns: totals.Columns, Types: totals.Types}
	for _, r := range totals.Rows {
		if text(valueOf(totals, r, "kind_group")) == group {
			out.Rows = append(out.Rows, r)
			break
		}
	}
	if len(out.Rows) == 0 {
		return nil
	}
	return out
}

// sortByInt orders rows by an integer column, keeping the order of ties.
func sortByInt(t *Table, rows [][]any, col string) {
	key := func(r []any) float64 {
		if f, ok := toFloat(valueOf(t, r, col)); ok {
			return f
		}
		return math.Inf(1)
	}
	sort.SliceStable(rows, func(i, j int) bool { return key(rows[i]) < key(rows[j]) })
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	}
	return 0, false
}

// Where a unit stands in a 通报's ranking: graded units first, then those
// graded 待核实 (their grade may still change, so they get no rank), then
// the vetoed ones (不合格 whatever their points).
const (
	placeGraded = iota
	placePending
	placeVetoed
)

func place(t *Table, r []any) int {
	if n, ok := toFloat(valueOf(t, r, "veto_count")); ok && n > 0 {
		return placeVetoed
	}
	if text(valueOf(t, r, "grade")) == "待核实" || valueOf(t, r, "total") == nil {
		return placePending
	}
	return placeGraded
}
