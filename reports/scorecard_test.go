package reports

import (
	"archive/zip"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// checkSheet compares every cell of a summary sheet with the metric rows:
// one sheet row per metric row, found by the unit name (and key columns).
func checkSheet(t *testing.T, f *excelize.File, sheet, metricName string, cols []column, key ...string) {
	t.Helper()
	tab := expected(t, metricName)
	hc := headerCols(t, f, sheet)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	keyOf := func(vals []string) string { return strings.Join(vals, "|") }
	// sheet rows by key
	keyCols := append([]string{"unit_name"}, key...)
	byKey := map[string]int{}
	for n := headerRow + 1; n <= len(rows); n++ {
		if len(rows[n-1]) > 0 && rows[n-1][0] == "合计" {
			break // 合计 and anything below it (chart data) are not unit rows
		}
		var vals []string
		for _, k := range keyCols {
			c := findCol(cols, k)
			ref, _ := excelize.CoordinatesToCellName(hc[c.header], n)
			vals = append(vals, raw(t, f, sheet, ref))
		}
		byKey[keyOf(vals)] = n
	}
	if len(tab.Rows) == 0 {
		t.Fatalf("%s: metric %s has no rows; the fixture should give some", sheet, metricName)
	}
	for _, r := range tab.Rows {
		var vals []string
		for _, k := range keyCols {
			vals = append(vals, cellText(text(r[tab.Column(k)])))
		}
		n, ok := byKey[keyOf(vals)]
		if !ok {
			t.Errorf("%s: no row for %v", sheet, vals)
			continue
		}
		for _, c := range cols {
			i := tab.Column(c.name)
			if i < 0 {
				continue // a column joined from another metric
			}
			col, ok := hc[c.header]
			if !ok {
				t.Errorf("%s: no column %s", sheet, c.header)
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(col, n)
			sameValue(t, fmt.Sprintf("%s!%s (%s)", sheet, ref, c.name), c.kind, r[i], raw(t, f, sheet, ref))
		}
	}
}

func findCol(cols []column, name string) column {
	for _, c := range cols {
		if c.name == name {
			return c
		}
	}
	return column{}
}

func TestScorecardSummaries(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	for _, tc := range []struct {
		sheet, metric string
		cols          []column
		key           []string
	}{
		{"综合排名", "scorecard", rankingCols("rank_overall"), nil},
		{"部门排名", "scorecard", rankingCols("rank_in_group")[1:], nil},
		{"信息发布", "publish_summary", publishCols, nil},
		{"发布及时性", "timeliness", timelinessCols, nil},
		{"栏目更新", "freshness_summary", freshnessCols, nil},
		{"政策解读", "interpretation_links", interpretationCols, nil},
		{"互动回应", "letters_summary", lettersCols, nil},
		{"预警", "early_warnings", warningSheetCols[:3], []string{"warning"}},
		{"采集完整性", "coverage", coverageCols, nil},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			cols := tc.cols
			if tc.sheet == "部门排名" {
				// only the 部门 rows are on this sheet
				checkGroupSheet(t, f, cols)
				return
			}
			checkSheet(t, f, tc.sheet, tc.metric, cols, tc.key...)
		})
	}
}

// checkGroupSheet checks that 部门排名 holds exactly the 部门 units, ranked
// within the group.
func checkGroupSheet(t *testing.T, f *excelize.File, cols []column) {
	tab := expected(t, "scorecard")
	rows, err := f.GetRows("部门排名")
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	end := headerRow
	for end < len(rows) && (len(rows[end]) == 0 || rows[end][0] != "合计") {
		end++
	}
	if end == len(rows) {
		t.Fatal("部门排名 has no 合计 row")
	}
	for _, r := range rows[headerRow:end] {
		got = append(got, r[0]+" "+r[1])
	}
	for _, r := range tab.Rows {
		if r[tab.Column("kind_group")] == "部门" {
			want = append(want, fmt.Sprint(r[tab.Column("rank_in_group")])+" "+text(r[tab.Column("unit_name")]))
		}
	}
	if strings.Join(sorted(got), ";") != strings.Join(sorted(want), ";") {
		t.Errorf("部门排名 rows = %v, want %v", got, want)
	}
	if last := rows[end]; last[0] != "合计" || last[1] != fmt.Sprintf("%d 个单位", len(want)) {
		t.Errorf("部门排名 合计 row = %v", last)
	}
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestScorecardVetoReasons(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	vetoes := metric(t, "vetoes")
	want := map[string][]string{}
	for _, r := range vetoes.Rows {
		if fired, _ := r[vetoes.Column("fired")].(bool); fired {
			u := text(r[vetoes.Column("unit_name")])
			want[u] = append(want[u], text(r[vetoes.Column("reason")]))
		}
	}
	if len(want) == 0 {
		t.Fatal("the fixture should fire a veto")
	}
	hc := headerCols(t, f, "综合排名")
	rows, _ := f.GetRows("综合排名")
	seen := 0
	for n := headerRow + 1; n <= len(rows) && len(rows[n-1]) > 0 && rows[n-1][0] != "合计"; n++ {
		unit := rows[n-1][hc["单位"]-1]
		ref, _ := excelize.CoordinatesToCellName(hc["否决原因"], n)
		got := raw(t, f, "综合排名", ref)
		if w := strings.Join(want[unit], "；"); got != w {
			t.Errorf("否决原因 of %s = %q, want %q", unit, got, w)
		}
		if got != "" {
			seen++
		}
	}
	if seen != len(want) {
		t.Errorf("%d units show veto reasons, want %d", seen, len(want))
	}
	// The 说明 sheet names them too.
	readme, _ := f.GetRows("说明")
	var all strings.Builder
	for _, r := range readme {
		all.WriteString(strings.Join(r, " "))
	}
	for u, reasons := range want {
		if !strings.Contains(all.String(), u+"：") || !strings.Contains(all.String(), reasons[0]) {
			t.Errorf("说明 does not name the veto of %s", u)
		}
	}
}

func TestScorecardPublishCategories(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	counts := metric(t, "publish_counts")
	want := map[[2]string]int64{}
	for _, r := range counts.Rows {
		k := [2]string{text(r[counts.Column("unit_name")]), text(r[counts.Column("category")])}
		want[k] += r[counts.Column("items")].(int64)
	}
	hc := headerCols(t, f, "信息发布")
	rows, _ := f.GetRows("信息发布")
	checked := 0
	for n := headerRow + 1; n <= len(rows); n++ {
		unit := rows[n-1][0]
		if unit == "合计" || unit == "" {
			break
		}
		for _, cat := range categories {
			col, ok := hc[cat]
			if !ok {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(col, n)
			if got, w := raw(t, f, "信息发布", ref), fmt.Sprint(want[[2]string{unit, cat}]); got != w {
				t.Errorf("信息发布 %s %s = %s, want %s", unit, cat, got, w)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no category cells checked")
	}
}

func TestScorecardTrend(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	bm := metric(t, "blank_months")
	hc := headerCols(t, f, "月度趋势")
	rows, _ := f.GetRows("月度趋势")
	rowOf := map[string]int{}
	for n := headerRow + 1; n <= len(rows); n++ {
		rowOf[rows[n-1][0]] = n
	}
	for _, r := range bm.Rows {
		unit, month := text(r[bm.Column("unit_name")]), text(r[bm.Column("month")])
		ref, _ := excelize.CoordinatesToCellName(hc[month], rowOf[unit])
		sameValue(t, "月度趋势 "+unit+" "+month, kInt, r[bm.Column("published")], raw(t, f, "月度趋势", ref))
	}
	// Two charts: the bar chart on 信息发布 and the line chart on 月度趋势.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var charts []string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			data, err := readPart(zf)
			if err != nil {
				t.Fatal(err)
			}
			switch x := string(data); {
			case strings.Contains(x, "<barChart>") && strings.Contains(x, "&#39;信息发布&#39;!"):
				charts = append(charts, "bar")
			case strings.Contains(x, "<lineChart>") && strings.Contains(x, "&#39;月度趋势&#39;!"):
				charts = append(charts, "line")
			}
		}
	}
	if strings.Join(sorted(charts), ",") != "bar,line" {
		t.Errorf("charts = %v, want a bar and a line chart", charts)
	}
}

func TestScorecardGradeFormats(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	for _, sheet := range []string{"综合排名", "部门排名", "乡镇街道排名"} {
		t.Run(sheet, func(t *testing.T) {
			hc := headerCols(t, f, sheet)
			rows, _ := f.GetRows(sheet)
			last := headerRow // the 合计 row and the 落款 are not graded
			for last < len(rows) && rows[last][0] != "合计" {
				last++
			}
			gradeCol, _ := excelize.ColumnNumberToName(hc["等次"])
			vetoCol, _ := excelize.ColumnNumberToName(hc["否决项"])
			lastCol, _ := excelize.ColumnNumberToName(len(hc))
			formats, err := f.GetConditionalFormats(sheet)
			if err != nil {
				t.Fatal(err)
			}
			gradeRange := fmt.Sprintf("%s%d:%s%d", gradeCol, headerRow+1, gradeCol, last)
			rules := formats[gradeRange]
			if len(rules) != 4 {
				t.Fatalf("grade range %s has %d rules (%v), want 4", gradeRange, len(rules), formats)
			}
			for i, g := range []string{"优秀", "良好", "合格", "不合格"} {
				r := rules[i]
				if r.Type != "cell" || (r.Criteria != "==" && r.Criteria != "equal to") || r.Value != `"`+g+`"` || r.Format == nil {
					t.Errorf("grade rule %d = %+v, want == %q with a format", i, r, g)
				}
			}
			vetoRange := fmt.Sprintf("A%d:%s%d", headerRow+1, lastCol, last)
			vr := formats[vetoRange]
			if len(vr) != 1 || vr[0].Type != "formula" || vr[0].Criteria != fmt.Sprintf("LEN($%s%d)>0", vetoCol, headerRow+1) {
				t.Errorf("veto rows %s: %+v", vetoRange, vr)
			}
		})
	}
}

func TestScorecardPrintSetup(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			names[d.Scope] = d.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		t.Run(sheet, func(t *testing.T) {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
				t.Errorf("page layout = size %d %s fit %dx%d", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage {
				t.Error("not fit to page")
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(hf.OddHeader, scorecardTitle) || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
				t.Errorf("header/footer = %+v", hf)
			}
			if sheet == "说明" {
				return
			}
			if want := quoteSheet(sheet) + "!$3:$3"; names[sheet] != want {
				t.Errorf("print titles = %q, want %q", names[sheet], want)
			}
			panes, err := f.GetPanes(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != headerRow {
				t.Errorf("panes = %+v, want the header frozen", panes)
			}
		})
	}
}

// The 合计 rows add up the metric rows.
func TestScorecardTotals(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	for _, tc := range []struct {
		sheet, metric string
		cols          []column
	}{
		{"信息发布", "publish_summary", publishCols},
		{"发布及时性", "timeliness", timelinessCols},
		{"栏目更新", "freshness_summary", freshnessCols},
		{"政策解读", "interpretation_links", interpretationCols},
		{"互动回应", "letters_summary", lettersCols},
		{"采集完整性", "coverage", coverageCols},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			tab := metric(t, tc.metric)
			hc := headerCols(t, f, tc.sheet)
			rows, _ := f.GetRows(tc.sheet)
			total := 0
			for n, r := range rows {
				if len(r) > 0 && r[0] == "合计" {
					total = n + 1
					break
				}
			}
			if total != headerRow+len(tab.Rows)+1 {
				t.Fatalf("合计 on row %d, want %d", total, headerRow+len(tab.Rows)+1)
			}
			sums := 0
			for _, c := range tc.cols {
				i := tab.Column(c.name)
				if c.kind != kInt || i < 0 || c.name == "limit_days" {
					continue // limit_days is a rule, not a count to add up
				}
				var want int64
				for _, r := range tab.Rows {
					if v, ok := toFloat(r[i]); ok {
						want += int64(v)
					}
				}
				ref, _ := excelize.CoordinatesToCellName(hc[c.header], total)
				if got := raw(t, f, tc.sheet, ref); got != fmt.Sprint(want) {
					t.Errorf("合计 %s = %s, want %d", c.header, got, want)
				}
				sums++
			}
			if sums == 0 {
				t.Fatal("no totals checked")
			}
		})
	}
}

func TestTopBottomOrder(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	rows, err := f.GetRows("信息发布")
	if err != nil {
		t.Fatal(err)
	}
	start := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "发布数量前十与后十" {
			start = i + 2
		}
	}
	if start == 0 {
		t.Fatal("no top/bottom table")
	}
	prev := int64(1 << 62)
	for _, r := range rows[start:] {
		if len(r) < 2 || r[0] == "" {
			break
		}
		var n int64
		fmt.Sscan(r[1], &n)
		if n > prev {
			t.Errorf("top/bottom not in descending order at %v", r)
		}
		prev = n
	}
}
