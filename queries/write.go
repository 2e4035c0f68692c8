package queries

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/gongkai/gongkai/internal/csvcell"
)

// Null is how a NULL is shown in text and CSV: a part with no denominator
// is "—", never 0.
const Null = "—"

// Format renders one value as text: dates as 2006-01-02, timestamps to the
// second, floats with up to 4 decimals, NULL as "—".
func Format(v any) string {
	switch x := v.(type) {
	case nil:
		return Null
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.DateTime)
	case float64:
		return formatFloat(x, 4)
	case float32:
		return formatFloat(float64(x), 4)
	case *big.Int:
		return x.String()
	case []byte:
		return string(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64, prec int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// displayWidth counts East Asian wide and fullwidth runes as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// WriteText writes t as an aligned table for a terminal; numbers are
// right-aligned, CJK text is measured in display columns.
func WriteText(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	cells := make([][]string, len(t.Rows))
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = displayWidth(c)
	}
	for r, row := range t.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := strings.ReplaceAll(Format(v), "\n", " ")
			cells[r][i] = s
			if n := displayWidth(s); n > widths[i] {
				widths[i] = n
			}
		}
	}
	numeric := make([]bool, len(t.Columns))
	for i := range t.Columns {
		if i < len(t.Types) {
			numeric[i] = isNumericType(t.Types[i])
		}
	}
	line := func(vals []string) {
		for i, s := range vals {
			if i > 0 {
				bw.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-displayWidth(s))
			if numeric[i] {
				bw.WriteString(pad + s)
			} else if i == len(vals)-1 {
				bw.WriteString(s)
			} else {
				bw.WriteString(s + pad)
			}
		}
		bw.WriteString("\n")
	}
	line(t.Columns)
	rule := make([]string, len(t.Columns))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(rule)
	for _, row := range cells {
		line(row)
	}
	return bw.Flush()
}

func isNumericType(t string) bool {
	switch strings.ToUpper(t) {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
		"FLOAT", "DOUBLE", "REAL":
		return true
	}
	return strings.HasPrefix(strings.ToUpper(t), "DECIMAL")
}

// CSVOptions tune WriteCSV.
type CSVOptions struct {
	// BOM starts the file with a UTF-8 byte-order mark, which Excel needs
	// to read Chinese text right and other programs do not want.
	BOM bool
}

// WriteCSV writes t as UTF-8 CSV. NULL is an empty cell; floats keep full
// precision. A text cell a spreadsheet would read as a formula (starting
// with =, +, -, @, tab or carriage return) is prefixed with a single
// quote; numbers, including negative ones, are written as they are.
func WriteCSV(w io.Writer, t *Table, opts CSVOptions) error {
	if opts.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = csvcell.Inert(c)
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	numeric := make([]bool, len(t.Columns))
	for i := range t.Columns {
		if i < len(t.Types) {
			numeric[i] = isNumericType(t.Types[i])
		}
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, v := range row {
			switch x := v.(type) {
			case nil:
				rec[i] = ""
			case float64:
				rec[i] = strconv.FormatFloat(x, 'f', -1, 64)
			default:
				rec[i] = Format(v)
			}
			if !numeric[i] {
				rec[i] = csvcell.Inert(rec[i])
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// WriteJSON writes t as an array of objects, keys in column order; NULL is
// null, dates are "2006-01-02" strings.
func WriteJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	for r, row := range t.Rows {
		if r > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		for i, v := range row {
			if i > 0 {
				bw.WriteString(", ")
			}
			k, _ := json.Marshal(t.Columns[i])
			bw.Write(k)
			bw.WriteString(": ")
			b, err := json.Marshal(jsonValue(v))
			if err != nil {
				return fmt.Errorf("write json: %s: %w", t.Columns[i], err)
			}
			bw.Write(b)
		}
		bw.WriteString("}")
	}
	if len(t.Rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return Format(x)
	case *big.Int:
		return json.Number(x.String())
	case []byte:
		return string(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	}
	return v
}
