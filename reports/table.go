package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai/queries"
)

// WriteTable writes one query result to path as a plain workbook with one
// sheet: a header row of the column names, then the rows, streamed. Text
// stays text, http(s) URLs in columns whose name mentions url become links.
func WriteTable(path, sheet string, t *queries.Table) error {
	if t == nil {
		return fmt.Errorf("write table: no table")
	}
	b, err := newBook(t.Name)
	if err != nil {
		return err
	}
	defer b.close()
	cols := make([]column, len(t.Columns))
	for i, name := range t.Columns {
		var typ string
		if i < len(t.Types) {
			typ = t.Types[i]
		}
		cols[i] = column{name: name, header: name, kind: kindOf(name, typ), width: widthOf(typ)}
	}
	title := t.Name
	if title == "" {
		title = sheet
	}
	_, err = b.writeTableSheet(context.Background(), tableSheet{
		layout: layout{sheet: SheetName(sheet), title: title, subtitle: fmt.Sprintf("%d 行", len(t.Rows)), cols: cols},
		src:    tableRows{t: t},
		stream: true,
		filter: true,
	})
	if err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	if err := b.save(path); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// kindOf chooses how a column of a DuckDB type is shown.
func kindOf(name, typ string) kind {
	typ = strings.ToUpper(typ)
	switch {
	case typ == "DATE":
		return kDate
	case typ == "BOOLEAN":
		return kBool
	case strings.Contains(typ, "INT"), typ == "DOUBLE", typ == "FLOAT", typ == "REAL",
		strings.HasPrefix(typ, "DECIMAL"):
		return kGen
	case strings.Contains(strings.ToLower(name), "url"):
		return kURL
	case strings.Contains(strings.ToLower(name), "sha256"):
		return kHash
	}
	return kText
}

func widthOf(typ string) float64 {
	switch strings.ToUpper(typ) {
	case "VARCHAR":
		return 24
	case "DATE":
		return 11
	}
	return 12
}
