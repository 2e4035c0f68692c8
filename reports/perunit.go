package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

var problemCols = []column{
	{name: "problem", header: "问题", kind: kText, width: 16},
	{name: "subject", header: "标题或栏目", kind: kWrap, width: 36},
	{name: "day", header: "日期", kind: kDate, width: 11},
	{name: "detail", header: "说明", kind: kWrap, width: 40},
	{name: "url", header: "网址", kind: kURL, width: 36},
	{name: "evidence", header: "证据", kind: kHash, width: 20},
}

// figure is one line of a unit's 概况: a value of a metric table.
type figure struct {
	label, table, col string
	kind              kind
}

var unitFigures = []figure{
	{"总分", "scorecard", "total", kNum},
	{"等级", "scorecard", "grade", kText},
	{"待核实原因", "scorecard", "pending", kWrap},
	{"综合排名", "scorecard", "rank_overall", kInt},
	{"组内排名", "scorecard", "rank_in_group", kInt},
	{"否决项", "scorecard", "vetoes", kText},
	{"否决原因", "scorecard", "veto_reasons", kWrap},
	{"环比", "scorecard", "change", kChange},
	{"同比", "scorecard", "yoy_change", kChange},
	{"信息发布(25)", "scorecard", "publish_points", kNum},
	{"发布及时(15)", "scorecard", "timeliness_points", kNum},
	{"栏目维护(20)", "scorecard", "maintenance_points", kNum},
	{"政策解读(10)", "scorecard", "interpretation_points", kNum},
	{"互动回应(30)", "scorecard", "interaction_points", kNum},
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
			if err := unitBook(ctx, fe, ranking, tables, problems, byUnit[id], id, name, path); err != nil {
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

func unitBook(ctx context.Context, fe fetcher, ranking *Table, tables map[string]*Table, problems *Table, rows [][]any, id, name, path string) error {
	b, err := newBook("问题清单：" + name + "（" + fe.opts.period() + "）")
	if err != nil {
		return err
	}
	defer b.close()
	b.ev = newEvidenceSet(ctx, fe.opts, filepath.Dir(path))
	if err := b.unitOverview(fe, ranking, tables, id, name); err != nil {
		return err
	}
	_, err = b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: "问题清单", title: "问题清单：" + name, subtitle: subtitle(fe.opts, ranking), cols: problemCols},
		src:    tableRows{t: problems, rows: nonNil(rows)},
		filter: true,
	})
	if err != nil {
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
	s := plainSink{b.f, sheet}
	if err := b.titleRows(s, name+" 政务公开情况", subtitle(fe.opts, ranking)); err != nil {
		return err
	}
	n := headerRow
	for _, f := range unitFigures {
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
	return nil
}
