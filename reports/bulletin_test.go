package reports

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRectificationColumns: every 问题清单 has the 整改 columns after the
// evidence; each finding's 整改要求 is the one its kind names, its 整改时限
// is 15 working days after the workbook's date (3 November 2026, a
// Tuesday, with no holiday in November: the 24th), 责任人 and 整改情况 are
// empty, and the 落款 below gives the date.
func TestRectificationColumns(t *testing.T) {
	db, _, units := workbooks(t)
	requirement := func(problem string) string {
		var r sql.NullString
		if err := db.QueryRow("SELECT rectification_requirement(?)", problem).Scan(&r); err != nil {
			t.Fatal(err)
		}
		return r.String
	}
	vetoRows, warnRows := 0, 0
	for _, path := range units {
		f := open(t, path)
		rows, err := f.GetRows("问题清单")
		if err != nil {
			t.Fatal(err)
		}
		header := strings.Join(rows[headerRow-1], ",")
		if want := "问题,标题或栏目,日期,说明,网址,证据,整改要求,整改时限,责任人,整改情况"; header != want {
			t.Fatalf("%s: header %s, want %s", path, header, want)
		}
		hc := headerCols(t, f, "问题清单")
		n := headerRow + 1
		for ; n <= len(rows) && len(rows[n-1]) > 0 && rows[n-1][0] != ""; n++ {
			problem := rows[n-1][0]
			ref := func(h string) string { r, _ := excelize.CoordinatesToCellName(hc[h], n); return r }
			got := raw(t, f, "问题清单", ref("整改要求"))
			if want := requirement(problem); got != want || want == "" {
				t.Errorf("%s row %d %s: 整改要求 %q, want %q", path, n, problem, got, want)
			}
			if strings.HasPrefix(problem, "预警：") {
				warnRows++
				if d := raw(t, f, "问题清单", ref("说明")); !sameUnit.MatchString(d) || sameUnit.FindStringSubmatch(d)[1] != sameUnit.FindStringSubmatch(d)[2] {
					t.Errorf("%s row %d %s: 说明 %q does not set the figure against a line of its unit", path, n, problem, d)
				}
			}
			if strings.HasPrefix(problem, "单项否决：") {
				vetoRows++
				if got != "立即整改否决事项，逐项消除否决情形，整改完成后书面报告整改情况" {
					t.Errorf("veto 整改要求 = %q", got)
				}
			}
			if got, _ := f.GetCellValue("问题清单", ref("整改时限")); got != "2026-11-24" {
				t.Errorf("%s row %d: 整改时限 %q, want 2026-11-24", path, n, got)
			}
			for _, h := range []string{"责任人", "整改情况"} {
				if got := raw(t, f, "问题清单", ref(h)); got != "" {
					t.Errorf("%s row %d: %s = %q, want empty", path, n, h, got)
				}
			}
		}
		var below strings.Builder
		for _, r := range rows[n-1:] {
			below.WriteString(strings.Join(r, ""))
		}
		if !strings.Contains(below.String(), "2026年11月3日") {
			t.Errorf("%s: no 落款 date under the 问题清单: %q", path, below.String())
		}
	}
	if vetoRows == 0 || warnRows == 0 {
		t.Errorf("%d veto and %d warning findings checked: the fixture fires both", vetoRows, warnRows)
	}
}

// sameUnit is a warning's figure and line in one unit.
var sameUnit = regexp.MustCompile(`^实测 [\d.]+ ?(天|个|条|%)，预警线 [\d.]+ ?(天|个|条|%)（`)

// numFmt is the number format code of a cell.
func numFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return map[int]string{0: "General", 1: "0"}[st.NumFmt]
}

// TestNumberFormats: counts are whole numbers, rates percentages, points
// two decimals, each a number cell with its format (so sums work), in the
// body and in the 合计 row; the 预警 figures carry their unit.
func TestNumberFormats(t *testing.T) {
	_, path, _ := workbooks(t)
	f := open(t, path)
	for _, c := range []struct{ sheet, header, format string }{
		{"综合排名", "排名", "0"},
		{"综合排名", "总分", "0.00"},
		{"综合排名", "信息发布(25)", "0.00"},
		{"信息发布", "发布数量", "0"},
		{"信息发布", "年度目标", "0"},
		{"信息发布", "目标完成率", "0.0%"},
		{"互动回应", "来信数", "0"},
		{"互动回应", "答复率", "0.0%"},
		{"采集完整性", "尝试页面", "0"},
		{"采集完整性", "失败率", "0.0%"},
		{"概览", "单位数", "0"},
		{"概览", "优秀", "0"},
	} {
		hc := headerCols(t, f, c.sheet)
		col, ok := hc[c.header]
		if !ok {
			t.Errorf("%s: no column %s", c.sheet, c.header)
			continue
		}
		rows, _ := f.GetRows(c.sheet)
		checked := 0
		for n := headerRow + 1; n <= len(rows); n++ {
			ref, _ := excelize.CoordinatesToCellName(col, n)
			v := raw(t, f, c.sheet, ref)
			typ, _ := f.GetCellType(c.sheet, ref)
			if v == "" || v == "—" || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				continue
			}
			if got := numFmt(t, f, c.sheet, ref); got != c.format {
				t.Errorf("%s!%s (%s) format %q, want %q", c.sheet, ref, c.header, got, c.format)
			}
			checked++
		}
		if checked == 0 {
			t.Errorf("%s %s: no number cell", c.sheet, c.header)
		}
	}
	// 预警: each figure in its rule's unit.
	rows, _ := f.GetRows("预警")
	hc := headerCols(t, f, "预警")
	units := map[string]string{"首页更新预警": `0" 天"`, "空白栏目预警": `0" 个"`, "栏目更新预警": `0" 个"`, "留言超期预警": `0" 条"`, "采集失败预警": "0.0%"}
	seen := 0
	for n := headerRow + 1; n <= len(rows); n++ {
		want, ok := units[rows[n-1][hc["预警"]-1]]
		if !ok {
			continue
		}
		for _, h := range []string{"实测", "预警线"} {
			ref, _ := excelize.CoordinatesToCellName(hc[h], n)
			if got := numFmt(t, f, "预警", ref); got != want {
				t.Errorf("预警!%s (%s) format %q, want %q", ref, h, got, want)
			}
		}
		seen++
	}
	if seen == 0 {
		t.Error("no warning checked: the fixture fires some")
	}
}
