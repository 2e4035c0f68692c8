package reports

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/queries"
)

func TestWriteTable(t *testing.T) {
	day := time.Date(2026, 10, 9, 0, 0, 0, 0, time.UTC)
	tab := &queries.Table{
		Name:    "timeliness_items",
		Columns: []string{"unit_id", "title", "url", "publish_date", "working_days", "rate", "on_time"},
		Types:   []string{"VARCHAR", "VARCHAR", "VARCHAR", "DATE", "INTEGER", "DOUBLE", "BOOLEAN"},
		Rows: [][]any{
			{"edu", `=HYPERLINK("http://x","y")`, "http://edu.gov.test/a.html", day, int32(21), 0.5, false},
			{"edu", "@SUM(1)", "javascript:alert(1)", nil, nil, nil, nil},
		},
	}
	path := filepath.Join(t.TempDir(), "out", "t.xlsx")
	if err := WriteTable(path, "timeliness/items", tab); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	sheet := SheetName("timeliness/items")
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
		t.Fatalf("sheets = %v", got)
	}
	hc := headerCols(t, f, sheet)
	for i, r := range tab.Rows {
		n := headerRow + 1 + i
		for j, c := range tab.Columns {
			ref := cellRef(hc[c], n)
			sameValue(t, sheet+"!"+ref, kindOf(c, tab.Types[j]), r[j], raw(t, f, sheet, ref))
			if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
				t.Errorf("%s has formula %q", ref, formula)
			}
		}
	}
	if ok, target, _ := f.GetCellHyperLink(sheet, cellRef(hc["url"], headerRow+1)); !ok || target != "http://edu.gov.test/a.html" {
		t.Errorf("url link = %v %q", ok, target)
	}
	if ok, _, _ := f.GetCellHyperLink(sheet, cellRef(hc["url"], headerRow+2)); ok {
		t.Error("javascript: address is linked")
	}
}

func TestWriteTableLinkLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 65,600 rows")
	}
	const rows = maxSheetLinks + 70
	tab := &queries.Table{Name: "links", Columns: []string{"url"}, Types: []string{"VARCHAR"}}
	for i := 0; i < rows; i++ {
		tab.Rows = append(tab.Rows, []any{"http://a.gov.test/" + strings.Repeat("p", i%7) + time.Duration(i).String()})
	}
	path := filepath.Join(t.TempDir(), "links.xlsx")
	if err := WriteTable(path, "links", tab); err != nil {
		t.Fatal(err)
	}
	x := sheetXML(t, path, "links")
	if n := strings.Count(x, "<hyperlink "); n != maxSheetLinks {
		t.Errorf("%d hyperlinks, want Excel's maximum %d", n, maxSheetLinks)
	}
	last := cellRef(1, headerRow+maxSheetLinks)
	if !strings.Contains(x, `<hyperlink ref="`+last+`" r:id=`) {
		t.Errorf("no link on %s, the %dth row", last, maxSheetLinks)
	}
	if beyond := cellRef(1, headerRow+maxSheetLinks+1); strings.Contains(x, `<hyperlink ref="`+beyond+`"`) {
		t.Errorf("link on %s beyond the limit", beyond)
	}
	// The rows beyond the limit keep their text.
	if !strings.Contains(x, tab.Rows[rows-1][0].(string)) {
		t.Error("last row text missing")
	}
}

func cellRef(col, row int) string {
	s, _ := excelizeCell(col, row)
	return s
}
