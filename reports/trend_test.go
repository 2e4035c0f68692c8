package reports

import (
	"context"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTrendYearToDate: the October workbook's 月度趋势 has one column per
// month from 2026-01 to 2026-10, in order, and each unit's cell is its
// count from blank_months over January–October.
func TestTrendYearToDate(t *testing.T) {
	db, path, _ := workbooks(t)
	f := open(t, path)
	rows, err := f.GetRows("月度趋势")
	if err != nil {
		t.Fatal(err)
	}
	header := rows[headerRow-1]
	want := []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"}
	if got := header[len(unitCols):]; len(got) != len(want) {
		t.Fatalf("月度趋势 months = %v, want %v", got, want)
	} else {
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("月度趋势 months = %v, want %v", got, want)
			}
		}
	}
	ytd, err := runMetric(context.Background(), db, "blank_months", periodFrom.AddDate(0, -9, 0), periodTo, nil)
	if err != nil {
		t.Fatal(err)
	}
	rowOf := map[string]int{}
	for n := headerRow + 1; n <= len(rows); n++ {
		if len(rows[n-1]) > 0 {
			rowOf[rows[n-1][0]] = n
		}
	}
	hc := headerCols(t, f, "月度趋势")
	checked := map[string]bool{}
	for _, r := range ytd.Rows {
		unit, month := text(r[ytd.Column("unit_name")]), text(r[ytd.Column("month")])
		n, ok := rowOf[cellText(unit)]
		if !ok {
			t.Errorf("月度趋势: no row for %s", unit)
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(hc[month], n)
		sameValue(t, "月度趋势 "+unit+" "+month, kInt, r[ytd.Column("published")], raw(t, f, "月度趋势", ref))
		checked[month] = true
	}
	if len(checked) != len(want) {
		t.Errorf("checked months %v, want all of %v", checked, want)
	}
}
