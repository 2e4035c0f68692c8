package reports

import (
	"context"
	"time"
)

// The per-unit and detail sheets of the scorecard. Summaries are normal
// sheets with a 合计 row; detail rows are streamed straight from the
// query, so their size is bounded by the file, not by memory.

// The summaries: the metric rows and, in the same query, their 合计 row
// (aggregates over the metric rows), so each macro runs once per sheet.
var (
	timelinessSQL = summarySQL(`SELECT * FROM {timeliness}`, `
       sum(published) AS published, sum(with_formed) AS with_formed, sum(on_time) AS on_time,
       sum(late) AS late, sum(without_formed) AS without_formed,
       sum(on_time) / nullif(sum(with_formed), 0) AS rate`)
	freshnessSQL = summarySQL(`SELECT * FROM {freshness_summary}`, `
       sum(columns) AS columns, sum(fresh) AS fresh, sum(stale) AS stale, sum(blank) AS blank,
       sum(static) AS static, sum(unverified) AS unverified, sum(stale_key) AS stale_key`)
	interpretationSQL = summarySQL(`SELECT * FROM {interpretation_links}`, `
       sum(policies) AS policies, sum(linked) AS linked, sum(both_ways) AS both_ways,
       sum(unlinked) AS unlinked, sum(linked) / nullif(sum(policies), 0) AS rate`)
	lettersSQL = summarySQL(`
    SELECT l.*, d.missing_fields
    FROM {letters_summary} l LEFT JOIN {letter_disclosure} d USING (unit_id)`, `
       sum(received) AS received, sum(replied) AS replied, sum(open) AS open,
       sum(overdue) AS overdue, sum(due) AS due, sum(on_time) AS on_time,
       sum(replied) / nullif(sum(received), 0) AS reply_rate,
       sum(on_time) / nullif(sum(due), 0) AS on_time_rate,
       sum(missing_fields) AS missing_fields`)
	coverageSQL = summarySQL(`SELECT * FROM {coverage}`, `
       sum(pages) AS pages, sum(fetched) AS fetched, sum(failed) AS failed, sum(blocked) AS blocked,
       sum(robots) AS robots, (sum(failed) + sum(blocked)) / nullif(sum(pages), 0) AS fail_rate,
       sum(columns_failed) AS columns_failed, sum(drift_columns) AS drift_columns,
       sum(mailboxes_failed) AS mailboxes_failed`)
	warningsSQL = summarySQL(`SELECT * FROM {early_warnings}`, "", "rule")
	sourcesSQL  = summarySQL(`
    SELECT *, CASE source_kind WHEN 'column' THEN '栏目' WHEN 'mailbox' THEN '信箱' ELSE '首页' END AS source_label
    FROM {source_verdicts} WHERE NOT verified`, "", "source_kind DESC", "source_id")
)

// summarySQL selects the rows of from, in unit order, followed by one
// 合计 row (is_total) of the given aggregates when there are any.
func summarySQL(from, totals string, order ...string) string {
	q := "WITH m AS MATERIALIZED (" + from + ")\nSELECT * FROM (\n    SELECT *, false AS is_total FROM m"
	if totals != "" {
		q += "\n    UNION ALL BY NAME\n    SELECT " + totals + ", true AS is_total FROM m"
	}
	q += "\n) ORDER BY is_total, (kind_group = '部门') DESC, kind_group, unit_name, unit_id"
	for _, o := range order {
		q += ", " + o
	}
	return q
}

const (
	lateItemsSQL = `SELECT * FROM {timeliness_items} WHERE NOT on_time
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, publish_date, url`
	columnProblemsSQL = `
SELECT *, CASE status WHEN 'stale' THEN '不更新' WHEN 'blank' THEN '空白'
                      WHEN 'unverified' THEN '待核实' ELSE status END AS status_label
FROM {column_freshness} WHERE status IN ('stale', 'blank', 'unverified')
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, column_id`
	unlinkedSQL = `SELECT * FROM {unlinked_policies}
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, publish_date, url`
	letterProblemsSQL = `
SELECT *, CASE status WHEN 'replied' THEN '已答复' WHEN 'in_progress' THEN '办理中'
                      WHEN 'unreplied' THEN '未答复' ELSE '未知' END AS status_label,
       CASE WHEN overdue THEN '超时未办' ELSE '逾期答复' END AS problem
FROM {letters_detail} WHERE overdue OR on_time = false
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, received_date, letter_key`
	longUnansweredSQL = `SELECT * FROM {long_unanswered}
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, received_date, letter_key`
	disclosureItemsSQL = `SELECT * FROM {letter_disclosure_items}
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, received_date, letter_key`
	backDatedSQL = `SELECT * FROM {back_dated}
ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id, publish_date, url`
)

// summary writes a normal per-unit sheet with its 合计 row.
func (b *book) summary(ctx context.Context, fe fetcher, ranking *Table, sheet, title, q string, cols []column) error {
	all, err := fe.sql(ctx, sheet, q)
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

// detail writes a streamed detail sheet.
func (b *book) detail(ctx context.Context, fe fetcher, ranking *Table, sheet, title, q string, cols []column) error {
	var c any
	if fe.opts.Cutoff != nil {
		c = fe.opts.Cutoff.Format(time.DateOnly)
	}
	_, err := b.writeTableSheet(ctx, tableSheet{
		layout: layout{sheet: sheet, title: title, subtitle: subtitle(fe.opts, ranking), cols: cols},
		src: queryRows{db: fe.opts.DB, name: sheet, q: expandMacros(q),
			args: []any{fe.opts.From.Format(time.DateOnly), fe.opts.To.Format(time.DateOnly), c}},
		stream: true,
		filter: true,
	})
	return err
}

func timelinessSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "发布及时性", "信息发布及时性（成文后 20 个工作日内发布）", timelinessSQL, timelinessCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "逾期发布明细", "逾期发布的信息", lateItemsSQL, lateItemCols)
}

func freshnessSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "栏目更新", "栏目更新情况（截至数据截止日）", freshnessSQL, freshnessCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "栏目问题明细", "不更新、空白和待核实的栏目", columnProblemsSQL, columnProblemCols)
}

func interpretationSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "政策解读", "政策文件与解读关联", interpretationSQL, interpretationCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "未关联解读明细", "未关联政策解读的政策文件", unlinkedSQL, unlinkedCols)
}

func letterSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "互动回应", "互动回应（领导信箱、在线咨询）", lettersSQL, lettersCols); err != nil {
		return err
	}
	if err := b.detail(ctx, fe, ranking, "信件问题明细", "超时未办和逾期答复的信件", letterProblemsSQL, letterProblemCols); err != nil {
		return err
	}
	if err := b.detail(ctx, fe, ranking, "超期未答复", "超过 3 个月未答复的信件", longUnansweredSQL, longUnansweredCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "公开缺项明细", "答复公开内容不全的信件", disclosureItemsSQL, disclosureItemCols)
}

func backDatedSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	return b.detail(ctx, fe, ranking, "倒签补录", "疑似倒签、补录的信息", backDatedSQL, backDatedCols)
}

func coverageSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "采集完整性", "采集完整性（采集失败不等于单位未发布）", coverageSQL, coverageCols); err != nil {
		return err
	}
	return b.summary(ctx, fe, ranking, "采集核验", "未能完整采集的栏目、信箱和首页（相关得分和否决待核实，需重新采集）", sourcesSQL, sourceCols)
}
