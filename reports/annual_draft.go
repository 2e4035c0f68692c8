package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// DraftOptions say which unit's 年度报告 draft to write.
type DraftOptions struct {
	DB   *sql.DB // the published database (read-only)
	Unit string  // unit_id
	Year int     // the year the report covers
}

// draftSheet is the national format's 第二部分 table.
const draftSheet = "二、主动公开"

// draftRow is a row of the 第二部分 table: a heading of 条例 Art. 20, a
// header, or a row of values.
type draftRow struct {
	label string
	cols  []string // headers, on a header row
	cells []string // the format's column of each value cell, on a value row
}

var draftRows = []draftRow{
	{label: "第二十条第（一）项"},
	{label: "信息内容", cols: []string{"本年制发件数", "本年废止件数", "现行有效件数"}},
	{label: "规章", cells: []string{"本年制发件数", "本年废止件数", "现行有效件数"}},
	{label: "行政规范性文件", cells: []string{"本年制发件数", "本年废止件数", "现行有效件数"}},
	{label: "第二十条第（五）项"},
	{label: "信息内容", cols: []string{"本年处理决定数量"}},
	{label: "行政许可", cells: []string{"本年处理决定数量"}},
	{label: "第二十条第（六）项"},
	{label: "信息内容", cols: []string{"本年处理决定数量"}},
	{label: "行政处罚", cells: []string{"本年处理决定数量"}},
	{label: "行政强制", cells: []string{"本年处理决定数量"}},
	{label: "第二十条第（八）项"},
	{label: "信息内容", cols: []string{"本年收费金额（单位：万元）"}},
	{label: "行政事业性收费", cells: []string{"本年收费金额"}},
}

var draftDocCols = []column{
	{name: "title", header: "标题", kind: kWrap, width: 50, def: "政策文件标题"},
	{name: "doc_no", header: "文号", kind: kText, width: 22, def: "页面注明的文号"},
	{name: "publish_date", header: "发布日期", kind: kDate, width: 11, def: "页面注明的发布日期"},
	{name: "url", header: "网址", kind: kURL, width: 40, def: "页面地址"},
}

// AnnualDraft writes a unit's pre-filled 第二部分 table of its 年度报告 for
// a year to path: 行政规范性文件 本年制发件数 from the 政策文件 the crawl
// found that look like 规范性文件 (listed on a second sheet), every other
// cell left blank for the unit, with last year's report beside it where
// it was read. It returns the number of documents found.
func AnnualDraft(ctx context.Context, opts DraftOptions, path string) (int, error) {
	if opts.DB == nil {
		return 0, errors.New("annual draft: no database")
	}
	var name string
	err := opts.DB.QueryRowContext(ctx, `SELECT name FROM units WHERE unit_id = $1`, opts.Unit).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("annual draft: no unit %q in the database", opts.Unit)
	}
	if err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	docs, err := runSQL(ctx, opts.DB, "annual_draft_documents",
		`SELECT * FROM annual_draft_documents($1, $2)`, opts.Unit, opts.Year)
	if err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	last, err := runSQL(ctx, opts.DB, "annual_draft_last_year",
		`SELECT * FROM annual_draft_last_year($1, $2)`, opts.Unit, opts.Year-1)
	if err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	lastYear := map[string]any{}
	for _, r := range last.Rows {
		lastYear[text(r[0])] = r[1]
	}

	title := fmt.Sprintf("%s%d年政府信息公开工作年度报告（草稿）", name, opts.Year)
	b, err := newBook(title)
	if err != nil {
		return 0, err
	}
	defer b.close()
	if err := b.addSheet(draftSheet); err != nil {
		return 0, err
	}
	f, sh := b.f, draftSheet
	set := func(col, row int, v any, style int) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err == nil {
			err = f.SetCellValue(sh, ref, v)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(sh, ref, ref, style)
		}
	}
	merge := func(c1, r1, c2, r2 int) {
		a, _ := excelize.CoordinatesToCellName(c1, r1)
		z, _ := excelize.CoordinatesToCellName(c2, r2)
		if err == nil && (c1 != c2 || r1 != r2) {
			err = f.MergeCell(sh, a, z)
		}
	}
	set(1, 1, title, b.st.title)
	set(1, 2, "二、主动公开政府信息情况。空白处由单位填写；已填数字来自网站采集，请核对。", b.st.subtitle)
	row := headerRow
	set(1, row, "项目", b.st.header)
	for i, h := range []string{"本年数", "", "", "说明", "上年报告"} {
		if h != "" {
			set(2+i, row, h, b.st.header)
		}
	}
	merge(2, row, 4, row)
	lastCol := 6
	for _, r := range draftRows {
		row++
		switch {
		case r.cols != nil:
			set(1, row, r.label, b.st.header)
			for i, h := range r.cols {
				set(2+i, row, h, b.st.header)
			}
			merge(2+len(r.cols)-1, row, 4, row)
		case r.cells != nil:
			set(1, row, r.label, 0)
			var notes, lasts []string
			for i, c := range r.cells {
				if r.label == "行政规范性文件" && c == "本年制发件数" {
					set(2+i, row, len(docs.Rows), 0)
					notes = append(notes, fmt.Sprintf("本年制发件数：采集到 %d 份疑似规范性文件（见“规范性文件清单”），请核对", len(docs.Rows)))
				}
				if v, ok := lastYear[r.label+"/"+c]; ok && v != nil {
					lasts = append(lasts, c+" "+text(v))
				}
			}
			merge(2+len(r.cells)-1, row, 4, row)
			set(5, row, strings.Join(notes, "；"), 0)
			set(6, row, strings.Join(lasts, "；"), 0)
		default:
			set(1, row, r.label, b.st.header)
			merge(1, row, lastCol, row)
		}
	}
	for i, w := range []float64{18, 14, 14, 14, 40, 30} {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err == nil {
			err = f.SetColWidth(sh, name, name, w)
		}
	}
	if err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	if err := b.print(sh, headerRow); err != nil {
		return 0, err
	}
	if _, err := b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: "规范性文件清单", title: "疑似行政规范性文件（" + strconv.Itoa(opts.Year) + "年发布的政策文件）",
			subtitle: "按文号含“规”并注明年份、或标题为印发办法/规定/细则选出，仅供核对", cols: draftDocCols},
		src: tableRows{t: docs},
	}); err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	b.f.SetActiveSheet(0)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	if err := b.save(path); err != nil {
		return 0, fmt.Errorf("annual draft: %w", err)
	}
	return len(docs.Rows), nil
}
