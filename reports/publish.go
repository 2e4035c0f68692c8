package reports

import (
	"context"
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"
)

// categories is the standard 政府信息公开目录, in its usual order.
var categories = []string{
	"机构领导", "机构设置", "部门动态", "通知公告", "人事信息", "政策文件", "政策解读",
	"规划计划", "依法行政", "财政预决算", "招标采购", "重点领域", "民生公益",
	"政务公开工作专题", "依申请公开", "其他",
}

// publishSheet writes 信息发布: per unit, the items published in each
// category, the total and the target completion, with a bar chart of the
// units that published most and least.
func publishSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	all, err := fe.sheet(ctx, "sheet_publish")
	if err != nil {
		return err
	}
	summary, sumTotal := splitTotals(all)
	byCat, err := fe.sheet(ctx, "sheet_publish_categories")
	if err != nil {
		return err
	}
	// The category columns: the standard ones that occur, then any other.
	counts := map[[2]string]any{}
	present := map[string]bool{}
	catTotal := map[string]any{}
	for _, r := range byCat.Rows {
		c := text(r[1])
		if r[0] == nil {
			catTotal[c] = r[2]
			continue
		}
		counts[[2]string{text(r[0]), c}] = r[2]
		present[c] = true
	}
	var cats []string
	for _, c := range categories {
		if present[c] {
			cats = append(cats, c)
			delete(present, c)
		}
	}
	var extra []string
	for c := range present {
		extra = append(extra, c)
	}
	sort.Strings(extra)
	cats = append(cats, extra...)

	// One table: the summary columns with a column per category; a
	// category a unit published nothing in is 0 (the metric returns only
	// non-zero cells).
	t := &Table{Name: "publish", Columns: append([]string{}, summary.Columns...)}
	cols := append([]column{}, publishCols[:2]...)
	for i, c := range cats {
		name := fmt.Sprintf("cat_%d", i)
		t.Columns = append(t.Columns, name)
		cols = append(cols, column{name: name, header: c, kind: kInt, width: 7, def: "该类别发布条数"})
	}
	cols = append(cols, publishCols[2:]...)
	for _, r := range summary.Rows {
		row := append([]any{}, r...)
		id := text(valueOf(summary, r, "unit_id"))
		for _, c := range cats {
			v, ok := counts[[2]string{id, c}]
			if !ok {
				v = int64(0)
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	total := &Table{Columns: append([]string{}, sumTotal.Columns...)}
	totalRow := []any{}
	if len(sumTotal.Rows) > 0 {
		totalRow = append(totalRow, sumTotal.Rows[0]...)
	}
	for i, c := range cats {
		total.Columns = append(total.Columns, fmt.Sprintf("cat_%d", i))
		v, ok := catTotal[c]
		if !ok {
			v = int64(0)
		}
		totalRow = append(totalRow, v)
	}
	total.Rows = [][]any{totalRow}

	const sheet = "信息发布"
	last, err := b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: sheet, title: "信息发布数量与目标完成率", subtitle: subtitle(fe.opts, ranking), cols: cols},
		src:    tableRows{t: t},
		total:  total,
		filter: true,
	})
	if err != nil {
		return err
	}
	if last <= headerRow {
		return nil
	}
	return b.topBottomChart(sheet, len(cols)+2, last+3, t)
}

// topBottomChart lists the ten units that published most and the ten that
// published least below the table and draws them as a bar chart.
func (b *book) topBottomChart(sheet string, _ int, row int, t *Table) error {
	rows := append([][]any{}, t.Rows...)
	sortByInt(t, rows, "published")
	// most first
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	pick := rows
	if len(rows) > 20 {
		pick = append(append([][]any{}, rows[:10]...), rows[len(rows)-10:]...)
	}
	s := plainSink{b.f, sheet}
	if err := s.row(row, []excelize.Cell{{Value: "发布数量前十与后十", StyleID: b.st.subtitle}}); err != nil {
		return err
	}
	if err := s.row(row+1, b.header([]column{{header: "单位"}, {header: "发布数量"}})); err != nil {
		return err
	}
	first := row + 2
	for i, r := range pick {
		n := first + i
		if err := s.row(n, []excelize.Cell{
			b.cell(sheet, 1, n, kText, valueOf(t, r, "unit_name"), false),
			b.cell(sheet, 2, n, kInt, valueOf(t, r, "published"), false),
		}); err != nil {
			return err
		}
	}
	last := first + len(pick) - 1
	q := quoteSheet(sheet)
	height := uint(120 + 18*len(pick))
	chart := &excelize.Chart{
		Type:       excelize.Bar,
		VaryColors: new(bool),
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("%s!$B$%d", q, row+1),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q, first, last),
			Values:     fmt.Sprintf("%s!$B$%d:$B$%d", q, first, last),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "发布数量前十与后十"}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: height},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
	}
	cell, _ := excelize.CoordinatesToCellName(4, row)
	if err := b.f.AddChart(sheet, cell, chart); err != nil {
		return fmt.Errorf("chart on %s: %w", sheet, err)
	}
	return nil
}
