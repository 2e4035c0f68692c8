package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

var problemCols = []column{
	{name: "problem", header: "问题", kind: kWrap, width: 14},
	{name: "subject", header: "标题或栏目", kind: kWrap, width: 26},
	{name: "day", header: "日期", kind: kDate, width: 11},
	{name: "detail", header: "说明", kind: kWrap, width: 30},
	// Text, not a link: LibreOffice prints a linked address as a field it
	// never breaks, cut at the column's edge, and a unit prints this book.
	// The 证据 cell beside it opens the page as fetched, whose banner links
	// the address.
	{name: "url", header: "网址", kind: kWrap, width: 24},
	{name: "evidence", header: "证据", kind: kHash, width: 12},
	{name: "requirement", header: "整改要求", kind: kWrap, width: 24},
	{name: "deadline", header: "整改时限", kind: kDate, width: 11},
	{name: "owner", header: "责任人", kind: kFill, width: 8},
	{name: "progress", header: "整改情况", kind: kFill, width: 14},
}

// withRectification adds to the problem rows (whose 整改要求 comes from
// unit_problems) the 整改 columns of the day the 问题清单 is issued: by when
// (deadline, the same for every finding), and the 责任人 and 整改情况 the
// unit fills in.
func withRectification(problems *Table, deadline any) *Table {
	out := &Table{Name: problems.Name, Columns: append(append([]string{}, problems.Columns...), "deadline", "owner", "progress")}
	detail := problems.Column("detail")
	for _, r := range problems.Rows {
		r = append([]any{}, r...)
		if p := text(valueOf(problems, r, "problem")); strings.HasPrefix(p, "需重新采集") && detail >= 0 && r[detail] != nil {
			// verdict；reason；影响：… — the reason is the crawl's words.
			parts := strings.SplitN(text(r[detail]), "；", 3)
			if len(parts) == 3 {
				parts[1] = reasonZH(parts[1])
				r[detail] = strings.Join(parts, "；")
			}
		}
		out.Rows = append(out.Rows, append(r, deadline, nil, nil))
	}
	return out
}

// figure is one line of a unit's 概况: a value of a metric table.
type figure struct {
	label, table, col string
	kind              kind
}

var unitFigures = []figure{
	{"总分", "scorecard", "total", kPoints},
	{"等次", "scorecard", "grade", kText},
	{"待核实原因", "scorecard", "pending", kWrap},
	{"综合排名", "scorecard", "rank_overall", kInt},
	{"组内排名", "scorecard", "rank_in_group", kInt},
	{"否决项", "scorecard", "vetoes", kText},
	{"否决原因", "scorecard", "veto_reasons", kWrap},
	{"环比", "scorecard", "change", kChange},
	{"同比", "scorecard", "yoy_change", kChange},
	{"信息发布(25)", "scorecard", "publish_points", kPoints},
	{"发布及时(15)", "scorecard", "timeliness_points", kPoints},
	{"栏目维护(20)", "scorecard", "maintenance_points", kPoints},
	{"政策解读(10)", "scorecard", "interpretation_points", kPoints},
	{"互动回应(30)", "scorecard", "interaction_points", kPoints},
	{"发布数量", "publish_summary", "published", kInt},
	{"列出未核验", "publish_summary", "listed_unverified", kInt},
	{"目标完成率", "publish_summary", "completion", kPct},
	{"发布及时率", "timeliness", "rate", kPct},
	{"逾期发布", "timeliness", "late", kInt},
	{"不更新栏目", "freshness_summary", "stale", kInt},
	{"空白栏目", "freshness_summary", "blank", kInt},
	{"待核实栏目", "freshness_summary", "unverified", kInt},
	{"解读关联率", "interpretation_links", "rate", kPct},
	{"来信数", "letters_summary", "received", kInt},
	{"办结数", "letters_summary", "replied", kInt},
	{"超时未办数", "letters_summary", "overdue", kInt},
	{"答复率", "letters_summary", "reply_rate", kPct},
	{"按期答复率", "letters_summary", "on_time_rate", kPct},
	{"采集页面", "coverage", "pages", kInt},
	{"采集失败", "coverage", "failed", kInt},
	{"被拦截", "coverage", "blocked", kInt},
	{"采集完整", "coverage", "complete", kBool},
}

// PerUnit writes one 问题清单 workbook per unit into dir and returns their
// paths, in unit order. Options.Units limits it to some units.
func PerUnit(ctx context.Context, opts Options, dir string) ([]string, error) {
	if err := opts.check(); err != nil {
		return nil, fmt.Errorf("per-unit workbooks: %w", err)
	}
	fe := fetcher{opts}
	ranking, _, err := fe.ranked(ctx)
	if err != nil {
		return nil, fmt.Errorf("per-unit workbooks: %w", err)
	}
	tables := map[string]*Table{"scorecard": ranking}
	for _, f := range unitFigures {
		if _, ok := tables[f.table]; ok {
			continue
		}
		t, err := fe.metric(ctx, f.table)
		if err != nil {
			return nil, fmt.Errorf("per-unit workbooks: %w", err)
		}
		tables[f.table] = t
	}
	problems, err := fe.sheet(ctx, "unit_problems")
	if err != nil {
		return nil, fmt.Errorf("per-unit workbooks: %w", err)
	}
	deadline, err := runSQL(ctx, opts.DB, "rectification_deadline",
		`SELECT rectification_deadline($1::DATE, working_days := $2)`,
		generatedAt(opts).Format(time.DateOnly), rectifyDays)
	if err != nil {
		return nil, fmt.Errorf("per-unit workbooks: %w", err)
	}
	problems = withRectification(problems, firstValue(deadline, deadline.Columns[0]))
	batches, err := fe.batches(ctx)
	if err != nil {
		return nil, fmt.Errorf("per-unit workbooks: %w", err)
	}
	byUnit := map[string][][]any{}
	for _, r := range problems.Rows {
		id := text(r[0])
		byUnit[id] = append(byUnit[id], r)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("per-unit workbooks: %w", err)
	}
	// Units in ranking order: 部门 first, then by name.
	rows := append([][]any{}, ranking.Rows...)
	used := map[string]bool{}
	var paths []string
	var failed []error
	for _, g := range groups(ranking) {
		for _, r := range rows {
			if text(valueOf(ranking, r, "kind_group")) != g {
				continue
			}
			id := text(valueOf(ranking, r, "unit_id"))
			name := text(valueOf(ranking, r, "unit_name"))
			if !opts.wants(id, name) {
				continue
			}
			path := filepath.Join(dir, uniqueName(used, unitFileName(name, id)))
			err := unitBook(ctx, fe, ranking, tables, problems, byUnit[id], id, name, path, batches)
			if opts.Progress != nil {
				opts.Progress()
			}
			if err != nil {
				if ctx.Err() != nil {
					return paths, fmt.Errorf("per-unit workbook for %s: %w", id, err)
				}
				// One unit's workbook failing must not cost the others theirs.
				failed = append(failed, &UnitError{UnitID: id, Name: name, Err: err})
				continue
			}
			paths = append(paths, path)
		}
	}
	return paths, errors.Join(failed...)
}

// UnitError is a unit whose 问题清单 workbook could not be written; PerUnit
// goes on with the other units and returns every UnitError, joined.
type UnitError struct {
	UnitID, Name string
	Err          error
}

func (e *UnitError) Error() string {
	return fmt.Sprintf("per-unit workbook for %s (%s): %v", e.UnitID, e.Name, e.Err)
}

func (e *UnitError) Unwrap() error { return e.Err }

// uniqueName keeps file names distinct even when two units sanitise to
// the same name.
func uniqueName(used map[string]bool, base string) string {
	name := base + ".xlsx"
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s_%d.xlsx", base, i)
	}
	used[name] = true
	return name
}

func unitBook(ctx context.Context, fe fetcher, ranking *Table, tables map[string]*Table, problems *Table, rows [][]any, id, name, path string, batches map[string]string) error {
	b, err := newBook("问题清单：" + name + "（" + fe.opts.period() + "）")
	if err != nil {
		return err
	}
	defer b.close()
	b.ev = newEvidenceSet(ctx, fe.opts, filepath.Dir(path))
	b.opts, b.batches = fe.opts, batches
	if err := b.unitOverview(fe, ranking, tables, id, name); err != nil {
		return err
	}
	last, err := b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: "问题清单", title: "问题清单：" + name, subtitle: subtitle(fe.opts, ranking), cols: problemCols},
		src:    tableRows{t: problems, rows: nonNil(rows)},
		filter: true,
	})
	if err != nil {
		return err
	}
	if err := b.signature(plainSink{b.f, "问题清单"}, "问题清单", last+2, len(problemCols), fe.opts); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return b.save(path)
}

func nonNil(rows [][]any) [][]any {
	if rows == nil {
		return [][]any{}
	}
	return rows
}

// unitOverview writes 概况: the unit's figures from each metric.
func (b *book) unitOverview(fe fetcher, ranking *Table, tables map[string]*Table, id, name string) error {
	const sheet = "概况"
	if err := b.addSheet(sheet); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 18, "B": 60} {
		if err := b.f.SetColWidth(sheet, col, col, w); err != nil {
			return fmt.Errorf("set widths of %s: %w", sheet, err)
		}
	}
	if err := b.print(sheet, 0); err != nil {
		return err
	}
	// Two columns of figures: one portrait page.
	orient, one := "portrait", 1
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, FitToHeight: &one}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	// A portrait footer has no room for the title beside the page number.
	if err := b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + hfText(b.title, 60) + "&R" + hfText(sheet, 20),
		OddFooter: "&C第 &P 页，共 &N 页",
	}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	s := plainSink{b.f, sheet}
	if err := b.titleRows(s, name+" 政务公开情况", subtitle(fe.opts, ranking)); err != nil {
		return err
	}
	n := headerRow
	at := map[string]int{}
	for _, f := range unitFigures {
		at[f.col] = n
		t := tables[f.table]
		var v any
		for _, r := range t.Rows {
			if text(valueOf(t, r, "unit_id")) == id {
				v = valueOf(t, r, f.col)
				break
			}
		}
		if err := s.row(n, []excelize.Cell{
			{Value: f.label, StyleID: b.st.label},
			b.cell(sheet, 2, n, f.kind, v, false),
		}); err != nil {
			return err
		}
		n++
	}
	// The scorecard's colours: the 等次 by grade, 环比 and 同比 up or down.
	if r, ok := at["grade"]; ok {
		if err := b.gradeFormats(sheet, []column{{}, {name: "grade"}}, r, r); err != nil {
			return err
		}
	}
	for _, c := range []string{"change", "yoy_change"} {
		if r, ok := at[c]; ok {
			if err := b.gradeFormats(sheet, []column{{}, {kind: kChange}}, r, r); err != nil {
				return err
			}
		}
	}
	return b.signature(s, sheet, n+1, 2, fe.opts)
}
