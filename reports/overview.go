package reports

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// The 概览: the scorecard's first printed page, read as the opening of a
// 通报 — how many units, how they were graded, what was vetoed or warned,
// how much of the crawl could be read — then the 落款.

const overviewSQL = `SELECT * FROM {bulletin_overview}`

// overviewCols are the 等次 table of the 概览; the crawl table below it
// shares its grid.
var overviewCols = []column{
	{name: "kind_group", header: "分组", kind: kText, width: 12},
	{name: "units", header: "单位数", kind: kInt, width: 9},
	{name: "excellent", header: "优秀", kind: kInt, width: 9},
	{name: "good", header: "良好", kind: kInt, width: 9},
	{name: "passed", header: "合格", kind: kInt, width: 9},
	{name: "failed", header: "不合格", kind: kInt, width: 9},
	{name: "pending", header: "待核实", kind: kInt, width: 9},
	{name: "vetoed", header: "单项否决", kind: kInt, width: 9},
	{name: "units_warned", header: "预警单位", kind: kInt, width: 9},
	{name: "warnings", header: "预警条数", kind: kInt, width: 9},
}

var overviewCrawlCols = []column{
	{name: "kind_group", header: "分组", kind: kText},
	{name: "pages", header: "尝试页面", kind: kInt},
	{name: "fetched", header: "采集成功", kind: kInt},
	{name: "not_fetched", header: "未采集到", kind: kInt},
	{name: "fetch_rate", header: "采集成功率", kind: kPct},
	{name: "units_complete", header: "采集完整单位", kind: kInt},
	{name: "sources_unverified", header: "待重新采集来源", kind: kInt},
}

// overviewSheet writes 概览.
func overviewSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	const sheet = "概览"
	ov, err := fe.sql(ctx, "bulletin_overview", overviewSQL)
	if err != nil {
		return err
	}
	s, err := b.plainSheet(sheet, b.title, subtitle(fe.opts, ranking), overviewCols)
	if err != nil {
		return err
	}
	// The header row of this sheet is the 等次 table's; its title goes
	// above it as a section heading would, so the title row says what
	// follows.
	n := headerRow
	bd, err := bind(ov.Columns, overviewCols)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for _, r := range ov.Rows {
		n++
		total, _ := valueOf(ov, r, "is_total").(bool)
		if err := s.row(n, b.cells(sheet, n, bd, r, total)); err != nil {
			return err
		}
	}
	if err := b.gradeHeaderColours(sheet, overviewCols, headerRow); err != nil {
		return err
	}
	n += 2
	if err := s.row(n, []excelize.Cell{{Value: "采集情况（采集失败或被拦截不等于单位未发布）", StyleID: b.st.subtitle}}); err != nil {
		return err
	}
	n++
	if err := s.rowHeight(n, b.header(overviewCrawlCols), 30); err != nil {
		return err
	}
	cb, err := bind(ov.Columns, overviewCrawlCols)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for _, r := range ov.Rows {
		n++
		total, _ := valueOf(ov, r, "is_total").(bool)
		if err := s.row(n, b.cells(sheet, n, cb, r, total)); err != nil {
			return err
		}
	}
	// Who was vetoed and who waits: names and reasons, as a 通报 states them.
	var vetoed, pending []string
	for _, r := range ranking.Rows {
		name := text(valueOf(ranking, r, "unit_name"))
		switch place(ranking, r) {
		case placeVetoed:
			vetoed = append(vetoed, name+"："+text(valueOf(ranking, r, "vetoes")))
		case placePending:
			pending = append(pending, name)
		}
	}
	n += 2
	for _, p := range [][2]string{
		{"单项否决", strings.Join(orNone(vetoed), "；")},
		{"待核实", strings.Join(orNone(pending), "、") + (map[bool]string{true: "（待重新采集后定等次，见“采集核验”）"}[len(pending) > 0])},
	} {
		if err := b.labelledRow(s, sheet, n, p[0], p[1], len(overviewCols)); err != nil {
			return err
		}
		n++
	}
	return b.signature(s, sheet, n+1, len(overviewCols), fe.opts)
}

// labelledRow writes a label and a text merged across the other columns,
// sized to its text.
func (b *book) labelledRow(s plainSink, sheet string, n int, label, value string, cols int) error {
	if err := s.row(n, []excelize.Cell{
		{Value: label, StyleID: b.st.label},
		{Value: cellText(value), StyleID: b.st.body[kWrap]},
	}); err != nil {
		return err
	}
	for c := 3; c <= cols; c++ {
		ref, _ := excelize.CoordinatesToCellName(c, n)
		if err := b.f.SetCellStyle(sheet, ref, ref, b.st.body[kWrap]); err != nil {
			return fmt.Errorf("style %s!%s: %w", sheet, ref, err)
		}
	}
	last, _ := excelize.CoordinatesToCellName(cols, n)
	if err := b.f.MergeCell(sheet, fmt.Sprintf("B%d", n), last); err != nil {
		return fmt.Errorf("merge on %s: %w", sheet, err)
	}
	width := 0.0
	for _, c := range overviewCols[1:cols] {
		width += c.width
	}
	if lines := textLines(value, int(width)); lines > 1 {
		if err := b.f.SetRowHeight(sheet, n, min(float64(14*lines+2), excelize.MaxRowHeight)); err != nil {
			return fmt.Errorf("row height on %s: %w", sheet, err)
		}
	}
	return nil
}

// gradeHeaderColours gives the header cells named after a grade the
// grade's colours, so the 概览's counts read as the ranking's colours do.
func (b *book) gradeHeaderColours(sheet string, cols []column, row int) error {
	for i, c := range cols {
		id, ok := b.st.gradeHeader[c.header]
		if !ok {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, row)
		if err := b.f.SetCellStyle(sheet, ref, ref, id); err != nil {
			return fmt.Errorf("style %s!%s: %w", sheet, ref, err)
		}
	}
	return nil
}

// signature writes the 落款 from row n: the issuing office, then the date
// the workbook was issued, right-aligned under the last columns.
func (b *book) signature(s plainSink, sheet string, n, cols int, opts Options) error {
	issuer := strings.TrimSpace(opts.Issuer)
	if issuer == "" {
		issuer = "（发文单位）"
	}
	first := max(1, cols-3)
	for i, line := range []string{issuer, chineseDate(generatedAt(opts))} {
		row := n + i
		cells := make([]excelize.Cell, first)
		cells[first-1] = excelize.Cell{Value: cellText(line), StyleID: b.st.signature}
		if err := s.row(row, cells); err != nil {
			return err
		}
		a, _ := excelize.CoordinatesToCellName(first, row)
		z, _ := excelize.CoordinatesToCellName(cols, row)
		if a != z {
			if err := b.f.MergeCell(sheet, a, z); err != nil {
				return fmt.Errorf("merge on %s: %w", sheet, err)
			}
		}
		if err := b.f.SetRowHeight(sheet, row, 20); err != nil {
			return fmt.Errorf("row height on %s: %w", sheet, err)
		}
	}
	return nil
}

// chineseDate is a date as a 落款 writes it: 2026年11月3日.
func chineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// batches maps run ids to the 采集批次 a reader sees (crawl_batches).
func (fe fetcher) batches(ctx context.Context) (map[string]string, error) {
	t, err := runSQL(ctx, fe.opts.DB, "crawl_batches", `SELECT run_id, batch FROM crawl_batches()`)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range t.Rows {
		out[text(r[0])] = text(r[1])
	}
	return out, nil
}
