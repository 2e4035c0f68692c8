package extract

import (
	"os"
	"testing"
)

// TestExtractAnnualOneTable reads a report that keeps sections 二 and 四
// in one table: section titles as rows, labels split by spaces and <br>,
// dashes and &nbsp; for blanks, units, thousands separators, a fee in 元
// and a word where a number belongs.
func TestExtractAnnualOneTable(t *testing.T) {
	b, err := os.ReadFile("testdata/annual/one_table.html")
	if err != nil {
		t.Fatal(err)
	}
	rep := ExtractAnnual("http://sfj.example.gov.cn/zfxxgk/ndbg/t1.html", string(b))
	if rep.Status != AnnualRead {
		t.Fatalf("status %s", rep.Status)
	}
	type want struct {
		value        float64
		valid, blank bool
		raw          string
	}
	cells := map[string]AnnualCell{}
	for _, c := range rep.Cells {
		cells[c.Section+"/"+c.Row+"/"+c.Col] = c
	}
	for key, w := range map[string]want{
		"二/规章/本年制发件数":      {0, true, true, "——"},
		"二/规章/本年废止件数":      {0, true, true, ""},
		"二/规章/现行有效件数":      {0, true, true, "/"},
		"二/行政规范性文件/本年制发件数": {3, true, false, "３件"},
		"二/行政规范性文件/本年废止件数": {1, true, false, "1"},
		"二/行政规范性文件/现行有效件数": {1234, true, false, "1,234"},
		"二/行政许可/本年处理决定数量":  {0, false, false, "若干"},
		"二/行政事业性收费/本年收费金额": {12.5, true, false, "125000元"},
		"四/行政复议/结果维持":      {1, true, false, "1"},
		"四/行政复议/总计":        {1, true, false, "1"},
		"四/未经复议直接起诉/尚未审结":  {2, true, false, "2"},
		"四/未经复议直接起诉/总计":    {2, true, false, "2"},
		"四/复议后起诉/总计":       {0, true, false, "0"},
	} {
		c, ok := cells[key]
		if !ok {
			t.Errorf("%s: not read", key)
			continue
		}
		if c.Value != w.value || c.Valid != w.valid || c.Blank != w.blank || c.Raw != w.raw {
			t.Errorf("%s = %v %t %t %q, want %v %t %t %q", key, c.Value, c.Valid, c.Blank, c.Raw, w.value, w.valid, w.blank, w.raw)
		}
	}
	if n := len(rep.Cells); n != 8+15 {
		t.Errorf("%d cells, want 23: %+v", n, rep.Cells)
	}
	// The navigation table is page chrome, not 表1.
	if got := cells["二/行政规范性文件/现行有效件数"].Where; got != "表1第5行第8列" {
		t.Errorf("where = %q", got)
	}
	if len(rep.Attachments) != 1 || rep.Attachments[0] != "http://sfj.example.gov.cn/files/%E9%99%84%E8%A1%A8.xlsx?id=3" {
		t.Errorf("attachments %v", rep.Attachments)
	}
	if len(rep.Images) != 0 {
		t.Errorf("images %v: the logo is chrome", rep.Images)
	}
	if len(rep.Paragraphs) != 1 {
		t.Errorf("paragraphs %v", rep.Paragraphs)
	}
}

func TestAnnualValue(t *testing.T) {
	for _, tc := range []struct {
		in           string
		v            float64
		blank, valid bool
	}{
		{"12", 12, false, true}, {"１２", 12, false, true}, {" 3 件", 3, false, true}, {"12.35万元", 12.35, false, true},
		{"1,024", 1024, false, true}, {"-1", -1, false, true}, {"", 0, true, false}, {"—", 0, true, false},
		{"无", 0, true, false}, {"若干", 0, false, false}, {"NaN", 0, false, false}, {"1e3", 0, false, false},
	} {
		v, blank, ok := annualValue(tc.in)
		if v != tc.v || blank != tc.blank || ok != tc.valid {
			t.Errorf("annualValue(%q) = %v %t %t", tc.in, v, blank, ok)
		}
	}
}

func BenchmarkExtractAnnual(b *testing.B) {
	body, err := os.ReadFile("testdata/annual/one_table.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		ExtractAnnual("http://sfj.example.gov.cn/zfxxgk/ndbg/t1.html", string(body))
	}
}
