package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// kind says how a value is shown; it chooses the cell style.
type kind int

const (
	kText kind = iota
	kWrap      // long text, wrapped
	kInt
	kNum     // points, one decimal
	kPct     // a 0..1 rate shown as a percentage
	kDate    // a DATE
	kBool    // 是 / 否
	kURL     // an address, linked when it is http(s)
	kHash    // an evidence hash, monospaced
	kChange  // a change shown with ▲ / ▼
	kMissing // the "—" of a value with no denominator
	kGen     // a number in Excel's General format
	kVerdict // a source's verdict, shown by its Chinese name
	kPoints  // points, with the two decimals the total is rounded to
	kRun     // a crawl run, shown as 采集批次 with its date
	kFill    // left empty, for the reader to fill in
	kOutcome // a crawl outcome, shown by its Chinese name
	kReason  // the crawl's reason for a verdict, in Chinese, wrapped
	kCount   // number of kinds; not a kind
)

// fontName is the one font of every cell, Chinese and digits alike. 等线
// (DengXian) is the default font of Office on Chinese Windows, with Latin
// digits drawn to match its Chinese; where it is missing (LibreOffice on
// Linux), fontconfig's fallback for a Chinese sans font (Noto Sans CJK SC
// from fonts-noto-cjk) draws both, and the sans family hint keeps digits
// out of a serif face.
const fontName = "等线"

// styles holds the workbook's cell styles, created once and reused by every
// sheet: one per kind for body cells, plus headers, titles and totals.
type styles struct {
	body      [kCount]int
	total     [kCount]int
	header    int
	title     int
	subtitle  int
	label     int
	note      int
	blankCell int
	signature int            // the 落款 lines, right-aligned
	fill      int            // an empty cell to be filled in by hand
	totalWrap int            // a 合计 row's text, wrapped so nothing is cut
	measure   map[string]int // a number in its unit: 天, 个, 条, %

	// differential formats for conditional formatting
	grade       map[string]int
	gradeHeader map[string]int // a header cell in a grade's colours
	vetoRow     int
	up          int // a rise (环比/同比 ▲)
	down        int // a fall (▼)
}

// gradeColours are the fills of the four grades: 优秀 green, 良好 blue,
// 合格 yellow, 不合格 red.
var gradeColours = []struct{ grade, fill, font string }{
	{"优秀", "C6EFCE", "006100"},
	{"良好", "BDD7EE", "1F4E78"},
	{"合格", "FFEB9C", "7F6000"},
	{"不合格", "FFC7CE", "9C0006"},
}

func border() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "BFBFBF", Style: 1})
	}
	return b
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{grade: map[string]int{}, gradeHeader: map[string]int{}, measure: map[string]int{}}
	pctFmt := "0.0%"
	numFmt := "0.0"
	pointsFmt := "0.00"
	dateFmt := "yyyy-mm-dd"
	changeFmt := `"▲"0.0;"▼"0.0;"＝"0.0`
	font := func(bold bool, size float64, colour string) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Color: colour, Family: fontName}
	}
	for _, total := range []bool{false, true} {
		for k := kind(0); k < kCount; k++ {
			st := &excelize.Style{
				Border:    border(),
				Font:      font(total, 10, ""),
				Alignment: &excelize.Alignment{Vertical: "center"},
			}
			switch k {
			case kWrap, kReason:
				st.Alignment.WrapText = true
			case kInt:
				st.NumFmt = 1
			case kNum:
				st.CustomNumFmt = &numFmt
			case kPoints:
				st.CustomNumFmt = &pointsFmt
			case kPct:
				st.CustomNumFmt = &pctFmt
			case kDate:
				st.CustomNumFmt = &dateFmt
				st.Alignment.Horizontal = "center"
			case kBool:
				st.Alignment.Horizontal = "center"
			case kURL:
				st.Font = &excelize.Font{Size: 10, Color: "0563C1", Underline: "single", Bold: total, Family: fontName}
				// An address longer than its column wraps: printed, it is
				// never cut off by the next cell.
				st.Alignment.WrapText = true
			case kHash:
				st.Font = font(false, 8, "595959")
				st.Alignment.ShrinkToFit = true
			case kChange:
				st.CustomNumFmt = &changeFmt
				st.Alignment.Horizontal = "center"
			case kMissing:
				st.Font = font(total, 10, "808080")
				st.Alignment.Horizontal = "center"
			}
			if total {
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
			}
			id, err := f.NewStyle(st)
			if err != nil {
				return nil, fmt.Errorf("create style: %w", err)
			}
			if total {
				s.total[k] = id
			} else {
				s.body[k] = id
			}
		}
	}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{
		Border:    border(),
		Font:      font(true, 10, "FFFFFF"),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("create header style: %w", err)
	}
	if s.title, err = f.NewStyle(&excelize.Style{
		Font:      font(true, 16, ""),
		Alignment: &excelize.Alignment{Vertical: "center"},
	}); err != nil {
		return nil, fmt.Errorf("create title style: %w", err)
	}
	if s.subtitle, err = f.NewStyle(&excelize.Style{
		Font:      font(true, 12, "305496"),
		Alignment: &excelize.Alignment{Vertical: "center"},
	}); err != nil {
		return nil, fmt.Errorf("create subtitle style: %w", err)
	}
	if s.label, err = f.NewStyle(&excelize.Style{
		Border:    border(),
		Font:      font(true, 10, ""),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("create label style: %w", err)
	}
	if s.note, err = f.NewStyle(&excelize.Style{
		Font:      font(false, 9, "595959"),
		Alignment: &excelize.Alignment{Vertical: "top"},
	}); err != nil {
		return nil, fmt.Errorf("create note style: %w", err)
	}
	if s.blankCell, err = f.NewStyle(&excelize.Style{
		Border: border(),
		Font:   font(false, 10, "9C0006"),
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
		NumFmt: 1,
	}); err != nil {
		return nil, fmt.Errorf("create blank-month style: %w", err)
	}
	if s.signature, err = f.NewStyle(&excelize.Style{
		Font:      font(false, 12, ""),
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"},
	}); err != nil {
		return nil, fmt.Errorf("create signature style: %w", err)
	}
	if s.fill, err = f.NewStyle(&excelize.Style{
		Border:    border(),
		Font:      font(false, 10, ""),
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("create fill-in style: %w", err)
	}
	if s.totalWrap, err = f.NewStyle(&excelize.Style{
		Border:    border(),
		Font:      font(true, 10, ""),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, fmt.Errorf("create total style: %w", err)
	}
	for unit, format := range map[string]string{"天": `0" 天"`, "个": `0" 个"`, "条": `0" 条"`, "%": "0.0%"} {
		format := format
		if s.measure[unit], err = f.NewStyle(&excelize.Style{
			Border:       border(),
			Font:         font(false, 10, ""),
			CustomNumFmt: &format,
			Alignment:    &excelize.Alignment{Horizontal: "right", Vertical: "center"},
		}); err != nil {
			return nil, fmt.Errorf("create %s style: %w", unit, err)
		}
	}
	for _, g := range gradeColours {
		id, err := f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: g.font, Bold: true, Family: fontName},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{g.fill}},
		})
		if err != nil {
			return nil, fmt.Errorf("create grade format: %w", err)
		}
		s.grade[g.grade] = id
		if s.gradeHeader[g.grade], err = f.NewStyle(&excelize.Style{
			Border:    border(),
			Font:      font(true, 10, g.font),
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{g.fill}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		}); err != nil {
			return nil, fmt.Errorf("create grade header style: %w", err)
		}
	}
	if s.vetoRow, err = f.NewConditionalStyle(&excelize.Style{
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Font: &excelize.Font{Color: "C00000", Family: fontName},
	}); err != nil {
		return nil, fmt.Errorf("create veto format: %w", err)
	}
	if s.up, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "00803C", Bold: true, Family: fontName}}); err != nil {
		return nil, fmt.Errorf("create change format: %w", err)
	}
	if s.down, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "C00000", Bold: true, Family: fontName}}); err != nil {
		return nil, fmt.Errorf("create change format: %w", err)
	}
	return s, nil
}
