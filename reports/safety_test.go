package reports

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// cellsWith finds the cells of a sheet whose stored value is s.
func cellsWith(t *testing.T, f *excelize.File, sheet, s string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, r := range rows {
		for j, v := range r {
			if v == s {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				out = append(out, ref)
			}
		}
	}
	return out
}

// sheetXML is the stored XML of a sheet part.
func sheetXML(t *testing.T, path, sheet string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts, err := sheetParts(&zr.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == parts[sheet] {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no sheet %s", sheet)
	return ""
}

func TestFormulaLookingTextStaysText(t *testing.T) {
	_, scorecard, units := workbooks(t)
	edu := ""
	for _, p := range units {
		if strings.Contains(filepath.Base(p), "_edu") {
			edu = p
		}
	}
	for _, tc := range []struct{ path, sheet string }{
		{scorecard, "逾期发布明细"},
		{edu, "问题清单"},
	} {
		f := open(t, tc.path)
		for _, title := range evilTitles {
			t.Run(tc.sheet+"/"+title, func(t *testing.T) {
				refs := cellsWith(t, f, tc.sheet, title)
				if len(refs) == 0 {
					t.Fatalf("title %q not found verbatim", title)
				}
				for _, ref := range refs {
					formula, err := f.GetCellFormula(tc.sheet, ref)
					if err != nil || formula != "" {
						t.Errorf("%s has formula %q (%v)", ref, formula, err)
					}
					typ, err := f.GetCellType(tc.sheet, ref)
					if err != nil || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
						t.Errorf("%s has type %v, want a string", ref, typ)
					}
				}
			})
		}
		if x := sheetXML(t, tc.path, tc.sheet); strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
			t.Errorf("%s holds a formula", tc.sheet)
		}
	}
}

func TestLongTextIsCut(t *testing.T) {
	_, scorecard, _ := workbooks(t)
	f := open(t, scorecard)
	rows, err := f.GetRows("逾期发布明细")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		for _, v := range r {
			if strings.HasPrefix(v, "长长长") {
				found = true
				if n := len(utf16.Encode([]rune(v))); n != maxCellChars {
					t.Errorf("cut text has %d UTF-16 units, want %d", n, maxCellChars)
				}
				if !strings.HasSuffix(v, truncMarker) {
					t.Errorf("cut text does not end with %q", truncMarker)
				}
			}
		}
	}
	if !found {
		t.Fatal("long title not found")
	}
}

func TestHyperlinks(t *testing.T) {
	_, scorecard, _ := workbooks(t)
	f := open(t, scorecard)
	for _, sheet := range []string{"逾期发布明细", "栏目问题明细", "信件问题明细", "预警"} {
		t.Run(sheet, func(t *testing.T) {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			links := 0
			for i, r := range rows {
				if i < headerRow {
					continue
				}
				for j, v := range r {
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					ok, target, err := f.GetCellHyperLink(sheet, ref)
					if err != nil {
						t.Fatal(err)
					}
					switch {
					case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
						if !ok || target != v {
							t.Errorf("%s %q: link %v %q", ref, v, ok, target)
						}
						links++
					case ok:
						t.Errorf("%s %q is linked to %q", ref, v, target)
					}
				}
			}
			if links == 0 {
				t.Error("no links")
			}
		})
	}
	// A javascript: address stays plain text.
	refs := cellsWith(t, f, "逾期发布明细", "javascript:alert(1)")
	if len(refs) != 1 {
		t.Fatalf("javascript: address found at %v", refs)
	}
	if ok, _, _ := f.GetCellHyperLink("逾期发布明细", refs[0]); ok {
		t.Error("javascript: address is linked")
	}
}

func TestCellText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "关于印发通知", "关于印发通知"},
		{"formula stays", `=HYPERLINK("http://x","y")`, `=HYPERLINK("http://x","y")`},
		{"control chars dropped", "a\x00b\x1fc\td", "abc\td"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"at the limit", strings.Repeat("x", maxCellChars), strings.Repeat("x", maxCellChars)},
		{"over the limit", strings.Repeat("x", maxCellChars+1), strings.Repeat("x", maxCellChars-5) + truncMarker},
		{"astral over the limit", strings.Repeat("𠀀", 20000), strings.Repeat("𠀀", (maxCellChars-5)/2) + truncMarker},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cellText(tc.in)
			if got != tc.want {
				t.Errorf("cellText = %.40q… (%d), want %.40q… (%d)", got, len(got), tc.want, len(tc.want))
			}
			if n := len(utf16.Encode([]rune(got))); n > maxCellChars {
				t.Errorf("%d UTF-16 units", n)
			}
		})
	}
}

func TestSheetName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"综合排名", "综合排名"},
		{`教育/局:*?[测试]\`, "教育_局____测试__"},
		{"'quoted'", "quoted"},
		{"", "_"},
		{"History", "_History"},
		{strings.Repeat("长", 40), strings.Repeat("长", 31)},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := SheetName(tc.in)
			if got != tc.want {
				t.Errorf("SheetName(%q) = %q, want %q", tc.in, got, tc.want)
			}
			f := excelize.NewFile()
			defer f.Close()
			if _, err := f.NewSheet(got); err != nil {
				t.Errorf("excelize refuses %q: %v", got, err)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"区教育局", "区教育局"},
		{`教育/局:*?[测试]"<>|`, "教育_局___[测试]____"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{"CON", "_CON"},
		{"con.txt", "_con.txt"},
		{" . ", "_"},
		{"a\x00b", "ab"},
		{strings.Repeat("长", 100), strings.Repeat("长", 66)}, // 200 bytes at most
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := FileName(tc.in); got != tc.want {
				t.Errorf("FileName(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLinkable(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"http://a.gov.cn/x.html", true},
		{"HTTPS://a.gov.cn/", true},
		{"javascript:alert(1)", false},
		{"file:///etc/passwd", false},
		{"mailto:a@b.cn", false},
		{"/relative/path", false},
		{"http://", false},
		{"http://a.gov.cn/" + strings.Repeat("x", maxURLLen), false},
		{`http://a.gov.cn/"onmouseover`, false},
	} {
		if got := linkable(tc.in); got != tc.want {
			t.Errorf("linkable(%.40q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestHeaderFooterText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"成绩单", 10, "成绩单"},
		{"A&B", 10, "A＆B"},
		{"a\nb", 10, "a b"},
		{"一二三四五六", 4, "一二三…"},
		{"𠀀𠀀𠀀", 4, "𠀀…"},
	} {
		if got := hfText(tc.in, tc.max); got != tc.want {
			t.Errorf("hfText(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	long := strings.Repeat("𠀀&", 300)
	if err := f.SetHeaderFooter("Sheet1", &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + hfText(long, 120) + "&R" + hfText(long, 40),
		OddFooter: "&L" + hfText(long, 60) + "&C第 &P 页，共 &N 页",
	}); err != nil {
		t.Errorf("excelize refuses the header: %v", err)
	}
}
