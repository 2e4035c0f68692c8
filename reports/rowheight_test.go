package reports

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// A row sized for very long text (veto reasons of a hundred units) is
// capped at Excel's 409 points instead of failing the whole workbook.
func TestRowHeightCapped(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := plainSink{f: f, sheet: "Sheet1"}
	if err := s.rowHeight(1, []excelize.Cell{{Value: "x"}}, 14*200+2); err != nil {
		t.Fatal(err)
	}
	h, err := f.GetRowHeight("Sheet1", 1)
	if err != nil || h != excelize.MaxRowHeight {
		t.Errorf("row height %v, %v; want %v", h, err, excelize.MaxRowHeight)
	}
}
