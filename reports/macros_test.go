package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/queries"
)

// TestSheetsEqualMacros reads every table sheet of the scorecard and one
// 问题清单 back and checks that its rows are the rows of the macro behind
// it, an analyst's `SELECT * FROM sheet_…(from, to)`: the same values, in
// the same order, then the 合计 row.
func TestSheetsEqualMacros(t *testing.T) {
	db, path, units := workbooks(t)
	f := open(t, path)
	run := func(t *testing.T, macro string) *queries.Table {
		t.Helper()
		tab, err := queries.Run(context.Background(), db, macro, periodFrom, periodTo, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	sheets := []struct {
		sheet, macro string
		cols         []column
		group        string // only the rows of this kind group (a group's ranking)
	}{
		{"综合排名", "sheet_ranking", rankingCols("rank_overall"), ""},
		{"部门排名", "sheet_ranking", rankingCols("rank_in_group"), "部门"},
		{"信息发布", "sheet_publish", publishCols, ""},
		{"发布及时性", "sheet_timeliness", timelinessCols, ""},
		{"逾期发布明细", "sheet_late_items", lateItemCols, ""},
		{"栏目更新", "sheet_freshness", freshnessCols, ""},
		{"栏目问题明细", "sheet_column_problems", columnProblemCols, ""},
		{"政策解读", "sheet_interpretation", interpretationCols, ""},
		{"未关联解读明细", "sheet_unlinked_policies", unlinkedCols, ""},
		{"互动回应", "sheet_letters", lettersCols, ""},
		{"信件问题明细", "sheet_letter_problems", letterProblemCols, ""},
		{"超期未答复", "sheet_long_unanswered", longUnansweredCols, ""},
		{"公开缺项明细", "sheet_disclosure_items", disclosureItemCols, ""},
		{"倒签补录", "sheet_back_dated", backDatedCols, ""},
		{"预警", "sheet_warnings", warningSheetCols, ""},
		{"采集完整性", "sheet_coverage", coverageCols, ""},
		{"采集核验", "sheet_sources", sourceCols, ""},
		{"舆情突增", "sheet_surges", surgeCols, ""},
		{"重复来信", "sheet_repeats", repeatCols, ""},
		{"敷衍答复", "sheet_boilerplate", boilerplateUnitCols, ""},
		{"年报审核", "sheet_annual", annualCols, ""},
		{"年报问题明细", "sheet_annual_checks", annualCheckCols, ""},
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		t.Run(s.sheet, func(t *testing.T) {
			tab := run(t, s.macro)
			var rows, totals [][]any
			for _, r := range tab.Rows {
				if s.group != "" && text(valueOf(tab, r, "kind_group")) != s.group {
					continue
				}
				if tot, _ := valueOf(tab, r, "is_total").(bool); tot {
					totals = append(totals, r)
				} else {
					rows = append(rows, r)
				}
			}
			if s.group != "" {
				sortByInt(tab, rows, "rank_in_group")
			}
			if s.macro == "sheet_ranking" {
				// A ranking sheet ends with its own group's 合计 (the
				// overall one has kind_group '').
				var own [][]any
				for _, r := range tab.Rows {
					if tot, _ := valueOf(tab, r, "is_total").(bool); tot && text(valueOf(tab, r, "kind_group")) == s.group {
						own = append(own, r)
					}
				}
				totals = own
			}
			seen[s.macro] = true
			compareSheet(t, f, s.sheet, tab, s.cols, rows, totals)
		})
	}
	t.Run("问题清单", func(t *testing.T) {
		tab := run(t, "unit_problems")
		checked := 0
		for _, p := range units {
			u := open(t, p)
			id := unitIDOf(t, u)
			var rows [][]any
			for _, r := range tab.Rows {
				if text(r[0]) == id {
					rows = append(rows, r)
				}
			}
			// 整改时限, 责任人 and 整改情况 belong to the day the 问题清单 is
			// issued (TestRectificationColumns checks them), not to the macro.
			var cols []column
			for _, c := range problemCols {
				if c.name != "deadline" && c.name != "owner" && c.name != "progress" {
					cols = append(cols, c)
				}
			}
			compareSheet(t, u, "问题清单", tab, cols, rows, nil)
			if len(rows) > 0 {
				checked++
			}
			if checked == 2 {
				break
			}
		}
		if checked == 0 {
			t.Fatal("no 问题清单 with a problem; the fixture should give some")
		}
	})
	// Every sheet macro of the catalogue is behind some sheet checked here
	// or in TestPivotSheetsEqualMacros.
	for _, m := range queries.List() {
		switch {
		case m.Sheet == "" || seen[m.Name]:
		case m.Name == "unit_problems", m.Name == "sheet_publish_categories", m.Name == "sheet_trend", m.Name == "sheet_topic_months":
		default:
			t.Errorf("%s: no sheet is checked against it", m.Name)
		}
	}
}

// unitIDOf finds a 问题清单 workbook's unit: its file name ends in the id.
func unitIDOf(t *testing.T, f *excelize.File) string {
	t.Helper()
	base := strings.TrimSuffix(filepath.Base(f.Path), ".xlsx")
	i := strings.LastIndexAny(base, "_（(")
	id := strings.TrimRight(base[i+1:], "）)")
	if id == "" {
		t.Fatalf("%s: no unit id in the file name", f.Path)
	}
	return id
}

// compareSheet checks a sheet's data rows, then its 合计 row, cell by cell
// against rows of tab, by the header of each column.
func compareSheet(t *testing.T, f *excelize.File, sheet string, tab *queries.Table, cols []column, rows, totals [][]any) {
	t.Helper()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < headerRow {
		t.Fatalf("%s: no header row", sheet)
	}
	// Each column by its header, the first unused one of that text (two
	// columns may share a header, as 类型 of the unit and of a letter).
	pos := map[int]int{}
	used := map[int]bool{}
	for k, c := range cols {
		for j, h := range all[headerRow-1] {
			if h == c.header && !used[j] {
				pos[k], used[j] = j+1, true
				break
			}
		}
	}
	n := headerRow
	check := func(r []any, total bool) {
		n++
		for k, c := range cols {
			col, ok := pos[k]
			if !ok {
				t.Errorf("%s: no column %s", sheet, c.header)
				continue
			}
			i := tab.Column(c.name)
			ref, _ := excelize.CoordinatesToCellName(col, n)
			got := raw(t, f, sheet, ref)
			switch {
			case i < 0:
				t.Errorf("%s: the macro has no column %s", sheet, c.name)
			case total && r[i] == nil:
				// A 合计 row leaves blank what it does not total.
				if got != "" && got != "合计" && got != "—" {
					t.Errorf("%s!%s (%s) = %q on the 合计 row, want blank", sheet, ref, c.name, got)
				}
			case c.kind == kVerdict:
				if want := domain.VerdictLabel(text(r[i])); got != want {
					t.Errorf("%s!%s (%s) = %q, want %q", sheet, ref, c.name, got, want)
				}
			case c.kind == kOutcome || c.kind == kReason:
				// Shown by their Chinese names; the macro keeps the value.
				want := outcomeLabel(text(r[i]))
				if c.kind == kReason {
					want = reasonZH(text(r[i]))
				}
				if got != want {
					t.Errorf("%s!%s (%s) = %q, want %q", sheet, ref, c.name, got, want)
				}
			default:
				sameValue(t, fmt.Sprintf("%s!%s (%s)", sheet, ref, c.name), c.kind, r[i], got)
			}
		}
	}
	for _, r := range rows {
		check(r, false)
	}
	for _, r := range totals {
		check(r, true)
	}
	// Nothing more below (a pivot's chart data lies further right or on
	// a hidden sheet, never under the table).
	if len(all) > n {
		for _, v := range all[n] {
			if v != "" {
				t.Errorf("%s: row %d after the macro's %d rows holds %q", sheet, n+1, len(rows)+len(totals), all[n])
				break
			}
		}
	}
}

// TestPivotSheetsEqualMacros checks the cross-tabulated sheets: each cell
// of 信息发布's category columns, 月度趋势 and 舆情 is the value of the
// macro row for its row label and column header, and no such cell is
// without a row.
func TestPivotSheetsEqualMacros(t *testing.T) {
	db, path, _ := workbooks(t)
	f := open(t, path)
	run := func(t *testing.T, macro string) *queries.Table {
		t.Helper()
		tab, err := queries.Run(context.Background(), db, macro, periodFrom, periodTo, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	t.Run("信息发布", func(t *testing.T) {
		names := map[string]string{}
		sum := run(t, "sheet_publish")
		for _, r := range sum.Rows {
			names[text(valueOf(sum, r, "unit_id"))] = text(valueOf(sum, r, "unit_name"))
		}
		cats := run(t, "sheet_publish_categories")
		want := map[[2]string]any{}
		for _, r := range cats.Rows {
			row := "合计"
			if r[0] != nil {
				row = names[text(r[0])]
			}
			want[[2]string{row, text(r[1])}] = r[2]
		}
		checkPivot(t, f, "信息发布", want, categories, int64(0))
	})
	t.Run("月度趋势", func(t *testing.T) {
		tab := run(t, "sheet_trend")
		want := map[[2]string]any{}
		var months []string
		for _, r := range tab.Rows {
			m, label := text(r[4]), text(r[1])
			if r[7] != nil {
				// the chart's series, below the units: 部门合计 … 合计
				if label = text(r[7]); label != "合计" {
					label += "合计"
				}
			}
			want[[2]string{label, m}] = r[5]
			months = append(months, m)
		}
		checkPivot(t, f, "月度趋势", want, months, nil)
	})
	t.Run("舆情", func(t *testing.T) {
		tab := run(t, "sheet_topic_months")
		want := map[[2]string]any{}
		var months []string
		for _, r := range tab.Rows {
			m := text(r[0])[:7]
			want[[2]string{text(r[1]), m}] = r[2]
			months = append(months, m)
		}
		checkPivot(t, f, "舆情", want, months, nil)
	})
}

// checkPivot compares the cells under the headers in cols (those the sheet
// has) with want, keyed by the row's first cell and the header; a cell
// with no macro row must show absent.
func checkPivot(t *testing.T, f *excelize.File, sheet string, want map[[2]string]any, cols []string, absent any) {
	t.Helper()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < headerRow {
		t.Fatalf("%s: no header row", sheet)
	}
	isCol := map[string]bool{}
	for _, c := range cols {
		isCol[c] = true
	}
	found := map[[2]string]bool{}
	checked := 0
	for n := headerRow + 1; n <= len(all) && len(all[n-1]) > 0 && all[n-1][0] != ""; n++ {
		label := all[n-1][0]
		for j, h := range all[headerRow-1] {
			if !isCol[h] {
				continue
			}
			k := [2]string{label, h}
			v, ok := want[k]
			if !ok {
				v = absent
			}
			found[k] = true
			ref, _ := excelize.CoordinatesToCellName(j+1, n)
			sameValue(t, fmt.Sprintf("%s!%s (%s, %s)", sheet, ref, label, h), kInt, v, raw(t, f, sheet, ref))
			checked++
		}
	}
	for k := range want {
		if !found[k] {
			t.Errorf("%s: no cell for %v", sheet, k)
		}
	}
	if checked == 0 {
		t.Fatalf("%s: no cell checked", sheet)
	}
}
