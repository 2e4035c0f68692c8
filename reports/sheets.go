package reports

import (
	"context"
	"time"
)

// The per-unit and detail sheets of the scorecard. Each runs one sheet
// macro (queries/sql/076_sheets.sql), which gives its rows in print order.
// Summaries are normal sheets with a 合计 row; detail rows are streamed
// straight from the query, so their size is bounded by the file, not by
// memory.

// summary writes a normal per-unit sheet with its 合计 row.
func (b *book) summary(ctx context.Context, fe fetcher, ranking *Table, sheet, title, macro string, cols []column) error {
	all, err := fe.sheet(ctx, macro)
	if err != nil {
		return err
	}
	t, total := splitTotals(all)
	if len(total.Rows) == 0 {
		total = nil
	}
	_, err = b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: sheet, title: title, subtitle: subtitle(fe.opts, ranking), cols: cols},
		src:    tableRows{t: t},
		total:  total,
		filter: true,
	})
	return err
}

// detail writes a streamed detail sheet of the rows of a sheet macro.
func (b *book) detail(ctx context.Context, fe fetcher, ranking *Table, sheet, title, macro string, cols []column) error {
	var c any
	if fe.opts.Cutoff != nil {
		c = fe.opts.Cutoff.Format(time.DateOnly)
	}
	_, err := b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: sheet, title: title, subtitle: subtitle(fe.opts, ranking), cols: cols},
		src: queryRows{db: fe.opts.DB, name: sheet, q: expandMacros(sheetSQL(macro)),
			args: []any{fe.opts.From.Format(time.DateOnly), fe.opts.To.Format(time.DateOnly), c}},
		stream: true,
		filter: true,
	})
	return err
}

func timelinessSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "发布及时性", "信息发布及时性（成文后 20 个工作日内发布）", "sheet_timeliness", timelinessCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "逾期发布明细", "逾期发布的信息", "sheet_late_items", lateItemCols)
}

func freshnessSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "栏目更新", "栏目更新情况（截至数据截止日）", "sheet_freshness", freshnessCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "栏目问题明细", "不更新、空白和待核实的栏目", "sheet_column_problems", columnProblemCols)
}

func interpretationSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "政策解读", "政策文件与解读关联", "sheet_interpretation", interpretationCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "未关联解读明细", "未关联政策解读的政策文件", "sheet_unlinked_policies", unlinkedCols)
}

func letterSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "互动回应", "互动回应（领导信箱、在线咨询）", "sheet_letters", lettersCols); err != nil {
		return err
	}
	if err := b.detail(ctx, fe, ranking, "信件问题明细", "超时未办和逾期答复的信件", "sheet_letter_problems", letterProblemCols); err != nil {
		return err
	}
	if err := b.detail(ctx, fe, ranking, "超期未答复", "超过 3 个月未答复的信件", "sheet_long_unanswered", longUnansweredCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "公开缺项明细", "答复公开内容不全的信件", "sheet_disclosure_items", disclosureItemCols)
}

func backDatedSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	return b.detail(ctx, fe, ranking, "倒签补录", "疑似倒签、补录的信息", "sheet_back_dated", backDatedCols)
}

func coverageSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "采集完整性", "采集完整性（采集失败不等于单位未发布）", "sheet_coverage", coverageCols); err != nil {
		return err
	}
	return b.summary(ctx, fe, ranking, "采集核验", "未能完整采集的栏目、信箱和首页（相关得分和否决待核实，需重新采集）", "sheet_sources", sourceCols)
}
