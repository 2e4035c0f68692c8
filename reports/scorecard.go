package reports

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

const scorecardTitle = "政务公开考核成绩单"

// Scorecard writes the leaders' workbook for the period to path.
func Scorecard(ctx context.Context, opts Options, path string) error {
	if err := opts.check(); err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	fe := fetcher{opts}
	start := time.Now()
	ranking, totals, err := fe.ranked(ctx)
	if err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	slog.Debug("scorecard ranked", "units", len(ranking.Rows), "duration", time.Since(start))
	b, err := newBook(scorecardTitle + "（" + opts.period() + "）")
	if err != nil {
		return err
	}
	defer b.close()
	b.ev = newEvidenceSet(ctx, opts, filepath.Dir(path))
	b.opts = opts
	if b.batches, err = fe.batches(ctx); err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	rankings := func(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
		return rankingSheets(ctx, b, fe, ranking, totals)
	}
	// A 通报's order: the 概览 and the rankings first, what the columns
	// mean last.
	sheets := []func(context.Context, *book, fetcher, *Table) error{
		overviewSheet,
		rankings,
		publishSheet,
		trendSheet,
		timelinessSheets,
		freshnessSheets,
		interpretationSheets,
		letterSheets,
		opinionSheets,
		backDatedSheet,
		warningSheet,
		coverageSheets,
		annualSheets,
		readmeSheet,
	}
	for i, write := range sheets {
		start := time.Now()
		if err := write(ctx, b, fe, ranking); err != nil {
			return fmt.Errorf("scorecard: %w", err)
		}
		slog.Debug("scorecard sheets written", "step", i, "sheets", b.sheets, "duration", time.Since(start))
	}
	// The 概览 is the first sheet and the one that opens.
	b.f.SetActiveSheet(0)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	start = time.Now()
	if err := b.save(path); err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	slog.Debug("scorecard saved", "path", path, "duration", time.Since(start))
	slog.Debug("scorecard written", "path", path, "units", len(ranking.Rows))
	return nil
}

// splitTotals separates the 合计 rows (is_total) from the unit rows.
func splitTotals(t *Table) (units, totals *Table) {
	units = &Table{Name: t.Name, Columns: t.Columns, Types: t.Types}
	totals = &Table{Name: t.Name + " totals", Columns: t.Columns, Types: t.Types}
	for _, r := range t.Rows {
		if v, _ := valueOf(t, r, "is_total").(bool); v {
			totals.Rows = append(totals.Rows, r)
		} else {
			units.Rows = append(units.Rows, r)
		}
	}
	return units, totals
}

// ranked runs sheet_ranking: the scorecard with the reasons of the fired
// vetoes in the 通报's order (vetoed units last unless VetoedInPlace), then
// its 合计 rows.
func (fe fetcher) ranked(ctx context.Context) (units, totals *Table, err error) {
	q := fmt.Sprintf("SELECT * FROM sheet_ranking($1::DATE, $2::DATE, cutoff := $3::DATE, vetoed_last := %t)", !fe.opts.VetoedInPlace)
	t, err := fe.sql(ctx, "sheet_ranking", q)
	if err != nil {
		return nil, nil, err
	}
	units, totals = splitTotals(t)
	return units, totals, nil
}

// subtitle is the line under every sheet's title.
func subtitle(opts Options, ranking *Table) string {
	s := "考核期间：" + opts.period()
	if c := firstValue(ranking, "cutoff"); c != nil {
		// A period still running at the cutoff is scored up to it: say so
		// beside the period, where a reader looks first.
		if t, ok := c.(time.Time); ok && t.Before(opts.To) {
			s += "（数据截至 " + t.Format(time.DateOnly) + "，其后不计）"
		}
		s += "　数据截止：" + text(c)
	}
	if v := firstValue(ranking, "rule_version"); v != nil {
		s += "　规则版本：" + text(v)
	}
	return s + "　生成时间：" + generatedAt(opts).Format("2006-01-02 15:04")
}

// firstValue is a column's value in the first row, nil when there is none.
func firstValue(t *Table, col string) any {
	for i, c := range t.Columns {
		if c == col && len(t.Rows) > 0 {
			return t.Rows[0][i]
		}
	}
	return nil
}

// valueOf is a row's value of a named column.
func valueOf(t *Table, r []any, col string) any {
	for i, c := range t.Columns {
		if c == col {
			return r[i]
		}
	}
	return nil
}

func generatedAt(opts Options) time.Time {
	if opts.GeneratedAt.IsZero() {
		return time.Now()
	}
	return opts.GeneratedAt
}
