package reports

import (
	"context"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"
)

// yearToDate is the fetcher of the year so far: from 1 January of the
// period's last year (or the period's start, when earlier) to the period's
// end, with the same cutoff, so a monthly workbook's trend shows every
// month of the year up to its own.
func (fe fetcher) yearToDate() fetcher {
	jan := time.Date(fe.opts.To.Year(), time.January, 1, 0, 0, 0, 0, fe.opts.To.Location())
	if jan.Before(fe.opts.From) {
		fe.opts.From = jan
	}
	return fe
}

// trendSheet writes 月度趋势: items published per unit and month (months
// below the unit's minimum marked), the monthly totals and a line chart.
func trendSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	all, err := fe.yearToDate().sheet(ctx, "sheet_trend")
	if err != nil {
		return err
	}
	t := &Table{Name: all.Name, Columns: all.Columns, Types: all.Types}
	var totals [][]any // series, month, published
	for _, r := range all.Rows {
		if r[7] == nil {
			t.Rows = append(t.Rows, r)
		} else {
			totals = append(totals, []any{r[7], r[4], r[5]})
		}
	}
	monthSet := map[string]bool{}
	for _, r := range t.Rows {
		monthSet[text(r[4])] = true
	}
	var months []string
	for m := range monthSet {
		months = append(months, m)
	}
	sort.Strings(months)
	col := map[string]int{}
	for i, m := range months {
		col[m] = i
	}
	type unitRow struct {
		id, name, kind, group string
		vals                  []any
		blank                 []bool
	}
	var units []*unitRow
	byID := map[string]*unitRow{}
	for _, r := range t.Rows {
		id := text(r[0])
		u, ok := byID[id]
		if !ok {
			u = &unitRow{id: id, name: text(r[1]), kind: text(r[2]), group: text(r[3]),
				vals: make([]any, len(months)), blank: make([]bool, len(months))}
			byID[id] = u
			units = append(units, u)
		}
		i := col[text(r[4])]
		u.vals[i] = r[5]
		u.blank[i], _ = r[6].(bool)
	}
	sort.SliceStable(units, func(i, j int) bool {
		a, b := units[i], units[j]
		if (a.group == "部门") != (b.group == "部门") {
			return a.group == "部门"
		}
		if a.group != b.group {
			return a.group < b.group
		}
		return a.name < b.name
	})

	const sheet = "月度趋势"
	cols := append([]column{}, unitCols...)
	for _, m := range months {
		cols = append(cols, column{name: m, header: m, kind: kInt, width: 8})
	}
	s, err := b.plainSheet(sheet, "月度发布趋势（本年 1 月至本期；红色为低于月度最低发布数的空白月）", subtitle(fe.opts, ranking), cols)
	if err != nil {
		return err
	}
	n := headerRow
	for _, u := range units {
		n++
		cells := []excelize.Cell{
			b.cell(sheet, 1, n, kText, u.name, false),
			b.cell(sheet, 2, n, kText, u.kind, false),
		}
		for i, v := range u.vals {
			c := b.cell(sheet, 3+i, n, kInt, v, false)
			if u.blank[i] {
				c.StyleID = b.st.blankCell
			}
			cells = append(cells, c)
		}
		if err := s.row(n, cells); err != nil {
			return err
		}
	}
	if n > headerRow {
		if err := b.autoFilter(sheet, rangeRef(1, headerRow, len(cols), n), true); err != nil {
			return err
		}
	}
	// The series rows: one per kind group, then 合计.
	var series []string
	vals := map[string][]any{}
	for _, r := range totals {
		name := text(r[0])
		if _, ok := vals[name]; !ok {
			series = append(series, name)
			vals[name] = make([]any, len(months))
		}
		vals[name][col[text(r[1])]] = r[2]
	}
	firstSeries := n + 1
	for _, name := range series {
		n++
		label := name
		if name != "合计" {
			label = name + "合计"
		}
		cells := []excelize.Cell{
			{Value: label, StyleID: b.st.total[kText]},
			{Value: "", StyleID: b.st.total[kText]},
		}
		for i, v := range vals[name] {
			cells = append(cells, b.cell(sheet, 3+i, n, kInt, v, true))
		}
		if err := s.row(n, cells); err != nil {
			return err
		}
	}
	if len(series) == 0 || len(months) == 0 {
		return nil
	}
	return b.addLineChart(sheet, lineChart{title: "每月发布数量", firstCol: 3, firstRow: firstSeries,
		series: len(series), months: len(months), at: n + 3, height: 320, marker: 5})
}
