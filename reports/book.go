package reports

import (
	"fmt"
	"log/slog"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/internal/checkpoint"
)

// book is a workbook being written: the file, its shared styles and the
// hyperlinks that are added when it is saved.
type book struct {
	f      *excelize.File
	st     *styles
	links  linkSet
	title  string // printed in every page header
	sheets int
	ev     *evidenceSet // nil: hashes stay text
	// batches names crawl runs as 采集批次 with their date (crawl_batches);
	// nil: run ids are shown as they are.
	batches map[string]string
	opts    Options // the workbook's period, issuer and date, for its 落款
}

func newBook(title string) (*book, error) {
	f := excelize.NewFile()
	if err := f.SetDefaultFont(fontName); err != nil {
		f.Close()
		return nil, fmt.Errorf("set font: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &book{f: f, st: st, title: title}, nil
}

func (b *book) close() { b.f.Close() }

// addSheet adds a sheet; the first one replaces excelize's default sheet.
func (b *book) addSheet(name string) error {
	b.sheets++
	if b.sheets == 1 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return fmt.Errorf("name sheet %s: %w", name, err)
		}
		return nil
	}
	if _, err := b.f.NewSheet(name); err != nil {
		return fmt.Errorf("add sheet %s: %w", name, err)
	}
	return nil
}

// save writes the workbook to path: to a temporary file first, then with
// the hyperlinks added, then renamed into place so a reader never sees a
// half-written file.
func (b *book) save(path string) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".gongkai-*.xlsx")
	if err != nil {
		return fmt.Errorf("save workbook: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	start := time.Now()
	if err := b.f.Write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("save workbook: %w", err)
	}
	slog.Debug("workbook written", "path", tmpName, "duration", time.Since(start))
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save workbook: %w", err)
	}
	final := tmpName
	if len(b.links.sheets) > 0 {
		final = tmpName + ".links"
		defer os.Remove(final)
		start = time.Now()
		if err := addLinks(tmpName, final, &b.links); err != nil {
			return fmt.Errorf("save workbook: %w", err)
		}
		slog.Debug("hyperlinks added", "path", final, "duration", time.Since(start))
	}
	checkpoint.Reached("report.workbook-written")
	if err := os.Rename(final, path); err != nil {
		return fmt.Errorf("save workbook: %w", err)
	}
	return nil
}

// sink receives a sheet's rows in ascending order: either cell by cell on
// a normal sheet or through a StreamWriter.
type sink interface {
	row(n int, cells []excelize.Cell) error
	rowHeight(n int, cells []excelize.Cell, height float64) error
}

type plainSink struct {
	f     *excelize.File
	sheet string
}

func (s plainSink) row(n int, cells []excelize.Cell) error {
	for i, c := range cells {
		ref, err := excelize.CoordinatesToCellName(i+1, n)
		if err != nil {
			return err
		}
		switch v := c.Value.(type) {
		case nil:
		case string:
			// SetCellStr stores text as a string: a leading '=' stays text.
			err = s.f.SetCellStr(s.sheet, ref, v)
		default:
			err = s.f.SetCellValue(s.sheet, ref, v)
		}
		if err != nil {
			return fmt.Errorf("write %s!%s: %w", s.sheet, ref, err)
		}
		if c.StyleID != 0 {
			if err := s.f.SetCellStyle(s.sheet, ref, ref, c.StyleID); err != nil {
				return fmt.Errorf("style %s!%s: %w", s.sheet, ref, err)
			}
		}
	}
	return nil
}

func (s plainSink) rowHeight(n int, cells []excelize.Cell, height float64) error {
	if err := s.row(n, cells); err != nil {
		return err
	}
	if err := s.f.SetRowHeight(s.sheet, n, min(height, excelize.MaxRowHeight)); err != nil {
		return fmt.Errorf("row height on %s: %w", s.sheet, err)
	}
	return nil
}

type streamSink struct {
	sw  *excelize.StreamWriter
	buf []any
}

func (s *streamSink) row(n int, cells []excelize.Cell) error {
	return s.rowHeight(n, cells, 0)
}

func (s *streamSink) rowHeight(n int, cells []excelize.Cell, height float64) error {
	s.buf = s.buf[:0]
	for _, c := range cells {
		s.buf = append(s.buf, c)
	}
	ref, err := excelize.CoordinatesToCellName(1, n)
	if err != nil {
		return err
	}
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	if err := s.sw.SetRow(ref, s.buf, opts...); err != nil {
		return fmt.Errorf("write %s: %w", ref, err)
	}
	return nil
}

// column is one column of a sheet: which query column it shows, under
// which header, how.
type column struct {
	name   string
	header string
	kind   kind
	width  float64
	def    string // what the column means, for the 说明 sheet
}

// bound is a list of columns resolved against a table's columns.
type bound struct {
	cols []column
	idx  []int
}

// bind finds each column in the table; a missing column is an error, so a
// change in the metric SQL is caught rather than shown as blank cells.
func bind(names []string, cols []column) (bound, error) {
	pos := map[string]int{}
	for i, c := range names {
		pos[c] = i
	}
	b := bound{cols: cols}
	for _, c := range cols {
		i, ok := pos[c.name]
		if !ok {
			return bound{}, fmt.Errorf("no column %s", c.name)
		}
		b.idx = append(b.idx, i)
	}
	return b, nil
}

// cells renders one result row.
func (b *book) cells(sheet string, rowNo int, bd bound, r []any, total bool) []excelize.Cell {
	out := make([]excelize.Cell, len(bd.cols))
	for i, c := range bd.cols {
		out[i] = b.cell(sheet, i+1, rowNo, c.kind, r[bd.idx[i]], total)
	}
	return out
}

// cell renders one value. Text is always a string value (never a formula);
// NULL is "—".
func (b *book) cell(sheet string, col, rowNo int, k kind, v any, total bool) excelize.Cell {
	style := b.st.body
	if total {
		style = b.st.total
	}
	if k == kFill {
		return excelize.Cell{Value: "", StyleID: b.st.fill}
	}
	if v == nil {
		return excelize.Cell{Value: "—", StyleID: style[kMissing]}
	}
	switch k {
	case kInt, kNum, kPoints, kPct, kChange, kGen:
		if f, ok := number(v); ok {
			return excelize.Cell{Value: f, StyleID: style[k]}
		}
	case kDate:
		if t, ok := v.(time.Time); ok {
			return excelize.Cell{Value: t, StyleID: style[k]}
		}
	case kBool:
		if x, ok := v.(bool); ok {
			s := "否"
			if x {
				s = "是"
			}
			return excelize.Cell{Value: s, StyleID: style[k]}
		}
	case kHash:
		s := cellText(text(v))
		if rel, ok := b.ev.link(s); ok {
			ref, _ := excelize.CoordinatesToCellName(col, rowNo)
			// Percent-encoded: Excel and LibreOffice both resolve it.
			b.links.addFile(sheet, ref, (&url.URL{Path: rel}).EscapedPath())
			// The first hex digits fit the printed column; the link and
			// the evidence page it opens carry the whole hash.
			return excelize.Cell{Value: shortHash(s), StyleID: style[kURL]}
		}
	case kVerdict:
		return excelize.Cell{Value: domain.VerdictLabel(text(v)), StyleID: style[kText]}
	case kReason:
		return excelize.Cell{Value: cellText(reasonZH(text(v))), StyleID: style[kReason]}
	case kOutcome:
		return excelize.Cell{Value: outcomeLabel(text(v)), StyleID: style[kText]}
	case kRun:
		if name, ok := b.batches[text(v)]; ok {
			return excelize.Cell{Value: name, StyleID: style[kText]}
		}
	case kURL:
		s := cellText(text(v))
		if s == "" {
			return excelize.Cell{Value: s, StyleID: style[kText]}
		}
		ref, _ := excelize.CoordinatesToCellName(col, rowNo)
		if b.links.add(sheet, ref, s) {
			return excelize.Cell{Value: s, StyleID: style[kURL]}
		}
		return excelize.Cell{Value: s, StyleID: style[kText]}
	}
	return excelize.Cell{Value: cellText(text(v)), StyleID: style[k]}
}

// number returns numeric values as they are, for the cell to keep the
// exact value the query gave.
func number(v any) (any, bool) {
	switch x := v.(type) {
	case int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64:
		return x, true
	case *big.Int: // DuckDB HUGEINT, e.g. a sum of BIGINT
		if x.IsInt64() {
			return x.Int64(), true
		}
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	}
	return nil, false
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		return x.Format(time.DateOnly)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// plainSheet adds a sheet written cell by cell (not streamed, so charts
// and conditional formats can follow) with its frame: widths and print
// setup, frozen header, title rows and the header row. Its rows start at
// headerRow+1.
func (b *book) plainSheet(sheet, title, sub string, cols []column) (plainSink, error) {
	s := plainSink{b.f, sheet}
	if err := b.addSheet(sheet); err != nil {
		return s, err
	}
	if err := b.setup(layout{sheet: sheet, cols: cols}); err != nil {
		return s, err
	}
	if err := b.f.SetPanes(sheet, freezePanes(headerRow)); err != nil {
		return s, fmt.Errorf("freeze %s: %w", sheet, err)
	}
	if err := b.titleRows(s, title, sub); err != nil {
		return s, err
	}
	return s, s.row(headerRow, b.header(cols))
}

// lineChart is a line chart of a sheet laid out with one row per series
// (its name in column A) and one column per month, the months named in the
// header row.
type lineChart struct {
	title              string
	firstCol, firstRow int  // the first value's column (1-based) and row
	series, months     int  // how many rows and columns of values
	at                 int  // the row the chart's top left corner is on
	height             uint // points
	marker             int  // marker size
}

// addLineChart adds c to a sheet.
func (b *book) addLineChart(sheet string, c lineChart) error {
	q := quoteSheet(sheet)
	first, _ := excelize.ColumnNumberToName(c.firstCol)
	last, _ := excelize.ColumnNumberToName(c.firstCol + c.months - 1)
	var cs []excelize.ChartSeries
	for i := range c.series {
		r := c.firstRow + i
		cs = append(cs, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$A$%d", q, r),
			Categories: fmt.Sprintf("%s!$%s$%d:$%s$%d", q, first, headerRow, last, headerRow),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, first, r, last, r),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: c.marker},
		})
	}
	chart := &excelize.Chart{
		Type:      excelize.Line,
		Series:    cs,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.title}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: c.height},
	}
	cell, _ := excelize.CoordinatesToCellName(1, c.at)
	if err := b.f.AddChart(sheet, cell, chart); err != nil {
		return fmt.Errorf("chart on %s: %w", sheet, err)
	}
	return nil
}

// header renders a header row.
func (b *book) header(cols []column) []excelize.Cell {
	out := make([]excelize.Cell, len(cols))
	for i, c := range cols {
		out[i] = excelize.Cell{Value: c.header, StyleID: b.st.header}
	}
	return out
}

// layout is a sheet's frame: its title rows, header row and print setup.
type layout struct {
	sheet    string
	title    string
	subtitle string
	cols     []column
}

const headerRow = 3 // rows 1–2: title and subtitle; row 3: header

// setup prepares a sheet before any row is written: widths, print setup
// and frozen header. It must run before a StreamWriter is made for the
// sheet, which writes the sheet properties first.
func (b *book) setup(l layout) error {
	f, sheet := b.f, l.sheet
	for i, c := range l.cols {
		w := c.width
		if w == 0 {
			w = 12
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, w); err != nil {
			return fmt.Errorf("set widths of %s: %w", sheet, err)
		}
	}
	return b.print(sheet, headerRow)
}

// print sets up a sheet for A4 landscape printing, one page wide, with the
// header row repeated on every page, and the workbook title, sheet name
// and page numbers in the page header and footer.
func (b *book) print(sheet string, titleRow int) error {
	f := b.f
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	size, orient, w, h := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &w, FitToHeight: &h,
	}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	lr, tb, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf,
	}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + hfText(b.title, 120) + "&R" + hfText(sheet, 40),
		OddFooter: "&L" + hfText(b.title, 60) + "&C第 &P 页，共 &N 页",
	}); err != nil {
		return fmt.Errorf("print setup of %s: %w", sheet, err)
	}
	if titleRow > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), titleRow, titleRow),
			Scope:    sheet,
		}); err != nil {
			return fmt.Errorf("print titles of %s: %w", sheet, err)
		}
	}
	return nil
}

// hfText makes text safe for a page header or footer, where '&' starts a
// code (it becomes a full-width ＆), and keeps it within max UTF-16 units
// (Excel allows 255 in all).
func hfText(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20:
			return ' '
		case r == '&':
			return '＆'
		}
		return r
	}, s)
	n := 0
	for i, r := range s {
		if n+utf16.RuneLen(r) > max-1 {
			return s[:i] + "…"
		}
		n += utf16.RuneLen(r)
	}
	return s
}

// quoteSheet quotes a sheet name for use in a reference.
func quoteSheet(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// titleRows writes the title and subtitle rows of a normal sheet.
func (b *book) titleRows(s sink, title, subtitle string) error {
	if err := s.row(1, []excelize.Cell{{Value: cellText(title), StyleID: b.st.title}}); err != nil {
		return err
	}
	return s.row(2, []excelize.Cell{{Value: cellText(subtitle), StyleID: b.st.note}})
}

// wrapHeight is the height of a row whose wrapped cells need more than one
// line (at most four; longer text is cut off in view, not in the cell),
// or 0 for the default height.
func wrapHeight(cols []column, cells []excelize.Cell) float64 {
	lines := 1
	for i, c := range cols {
		if (c.kind != kWrap && c.kind != kURL && c.kind != kReason) || i >= len(cells) {
			continue
		}
		s, ok := cells[i].Value.(string)
		if !ok {
			continue
		}
		w := int(c.width)
		if w < 4 {
			w = 4
		}
		if len(s) > 4*w*3 {
			lines = 4
			break
		}
		lines = max(lines, min(4, textLines(s, w)))
	}
	if lines == 1 {
		return 0
	}
	return float64(13*lines + 2)
}

// freeze keeps the rows up to and including row visible when scrolling.
func freezePanes(row int) *excelize.Panes {
	top, _ := excelize.CoordinatesToCellName(1, row+1)
	return &excelize.Panes{
		Freeze: true, YSplit: row, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	}
}

// rangeRef is the reference of a rectangle of cells.
func rangeRef(col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1)
	z, _ := excelize.CoordinatesToCellName(col2, row2)
	return a + ":" + z
}

// shortHashLen is how many hex digits of a linked evidence hash a cell
// shows: enough to tell snapshots apart by eye, narrow enough to print.
const shortHashLen = 10

// shortHash is the start of an evidence hash as a linked cell shows it.
func shortHash(h string) string {
	if len(h) <= shortHashLen {
		return h
	}
	return h[:shortHashLen]
}
