package reports

import (
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// tableSheet is a sheet that shows one result: title rows, a header row,
// one row per result row and an optional 合计 row.
type tableSheet struct {
	layout
	src    rowSource
	total  *Table // one row whose columns are matched by name; may be nil
	stream bool   // write through a StreamWriter (large detail sheets)
	filter bool   // autofilter on the header row
}

// writeTableSheet writes the sheet and returns the number of its last data
// row (the header row when there is none).
func (b *book) writeTableSheet(ctx context.Context, ts tableSheet) (int, error) {
	if err := b.addSheet(ts.sheet); err != nil {
		return 0, err
	}
	if ts.stream && ts.filter {
		// A StreamWriter writes the sheet properties when it is made, and
		// excelize's AutoFilter replaces them: set a filter first, and its
		// real range once the rows are written.
		if err := b.f.AutoFilter(ts.sheet, rangeRef(1, headerRow, len(ts.cols), headerRow+1), nil); err != nil {
			return 0, fmt.Errorf("autofilter on %s: %w", ts.sheet, err)
		}
	}
	if err := b.setup(ts.layout); err != nil {
		return 0, err
	}
	var s sink
	var sw *excelize.StreamWriter
	var err error
	if ts.stream {
		if sw, err = b.f.NewStreamWriter(ts.sheet); err != nil {
			return 0, fmt.Errorf("stream %s: %w", ts.sheet, err)
		}
		if err := sw.SetPanes(freezePanes(headerRow)); err != nil {
			return 0, fmt.Errorf("freeze %s: %w", ts.sheet, err)
		}
		s = &streamSink{sw: sw}
	} else {
		if err := b.f.SetPanes(ts.sheet, freezePanes(headerRow)); err != nil {
			return 0, fmt.Errorf("freeze %s: %w", ts.sheet, err)
		}
		s = plainSink{b.f, ts.sheet}
	}
	if err := b.titleRows(s, ts.title, ts.subtitle); err != nil {
		return 0, err
	}
	if err := s.rowHeight(headerRow, b.header(ts.cols), 30); err != nil {
		return 0, err
	}
	n := headerRow
	var bd bound
	err = ts.src.scan(ctx, func(cols []string) error {
		bd, err = bind(cols, ts.cols)
		return err
	}, func(r []any) error {
		n++
		cells := b.cells(ts.sheet, n, bd, r, false)
		if h := wrapHeight(ts.cols, cells); h > 0 {
			return s.rowHeight(n, cells, h)
		}
		return s.row(n, cells)
	})
	if err != nil {
		return 0, fmt.Errorf("sheet %s: %w", ts.sheet, err)
	}
	last := n
	if ts.filter && n > headerRow {
		if err := b.autoFilter(ts.sheet, rangeRef(1, headerRow, len(ts.cols), n), !ts.stream); err != nil {
			return 0, err
		}
	}
	if ts.total != nil {
		n++
		cells := b.totalCells(ts.sheet, n, ts.cols, ts.total)
		if h := totalHeight(ts.cols, cells); h > 0 {
			err = s.rowHeight(n, cells, h)
		} else {
			err = s.row(n, cells)
		}
		if err != nil {
			return 0, err
		}
	}
	if sw != nil {
		if err := sw.Flush(); err != nil {
			return 0, fmt.Errorf("flush %s: %w", ts.sheet, err)
		}
	}
	return last, nil
}

// totalCells renders a 合计 row: the total table's value for each column
// it has, "合计" in the first column, blanks elsewhere.
func (b *book) totalCells(sheet string, rowNo int, cols []column, tot *Table) []excelize.Cell {
	pos := map[string]int{}
	for i, c := range tot.Columns {
		pos[c] = i
	}
	out := make([]excelize.Cell, len(cols))
	for i, c := range cols {
		j, ok := pos[c.name]
		switch {
		case i == 0 && (!ok || len(tot.Rows) == 0 || tot.Rows[0][j] == nil):
			out[i] = excelize.Cell{Value: "合计", StyleID: b.st.total[kText]}
		case ok && len(tot.Rows) > 0:
			out[i] = b.cell(sheet, i+1, rowNo, c.kind, tot.Rows[0][j], true)
			if _, isText := out[i].Value.(string); isText && (c.kind == kText || c.kind == kWrap) {
				// A 合计's text (优8 良3 …) is longer than the column's
				// values: wrapped, never cut.
				out[i].StyleID = b.st.totalWrap
			}
		default:
			out[i] = excelize.Cell{Value: "", StyleID: b.st.total[kText]}
		}
	}
	return out
}

// totalHeight is the height of a 合计 row whose wrapped text needs more
// than one line, or 0.
func totalHeight(cols []column, cells []excelize.Cell) float64 {
	lines := 1
	for i, c := range cols {
		s, ok := cells[i].Value.(string)
		if !ok || (c.kind != kText && c.kind != kWrap) {
			continue
		}
		lines = max(lines, min(4, textLines(s, max(4, int(c.width)-1))))
	}
	if lines == 1 {
		return 0
	}
	return float64(13*lines + 2)
}

// autoFilter sets a sheet's autofilter. excelize's AutoFilter replaces the
// sheet properties, so fit-to-page is set again on a normal sheet.
func (b *book) autoFilter(sheet, ref string, refit bool) error {
	if err := b.f.AutoFilter(sheet, ref, nil); err != nil {
		return fmt.Errorf("autofilter on %s: %w", sheet, err)
	}
	if !refit {
		return nil
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	return nil
}
