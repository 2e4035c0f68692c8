package queries

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/gongkai/gongkai/internal/csvcell"
)

// Text a spreadsheet would run as a formula is written inert; numbers,
// negative ones too, stay numbers; no byte-order mark unless asked for.
func TestWriteCSVInert(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tab, err := RunSQL(context.Background(), db, `SELECT * FROM (VALUES
		('=1+1', -5, '-5'),
		('+cmd|'' /C calc''!A0', 3, '-2+3'),
		('@SUM(1)', -1, e'\t=1'),
		('普通', 0, e'\r=1')) AS t("=title", n, s) ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, tab, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	// encoding/csv drops a lone carriage return inside a CRLF file's
	// quoted cell; the quote in front stays.
	want := "'=title,n,s\r\n" +
		"'=1+1,-5,-5\r\n" +
		"'@SUM(1),-1,'\t=1\r\n" +
		"普通,0,\"'=1\"\r\n" +
		"'+cmd|' /C calc'!A0,3,'-2+3\r\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	b.Reset()
	if err := WriteCSV(&b, tab, CSVOptions{BOM: true}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "\ufeff"+want {
		t.Errorf("with BOM: %q", b.String())
	}
}

// FuzzWriteCSV: whatever text a crawled page puts in a cell, the cell a
// spreadsheet reads back from the CSV never starts a formula.
func FuzzWriteCSV(f *testing.F) {
	for _, s := range []string{"=1+1", "+cmd|' /C calc'!A0", "@SUM(1)", "-5", "\t=1", "\r=1", "普通", "\"=1\",=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tab := &Table{Columns: []string{s}, Types: []string{"VARCHAR"}, Rows: [][]any{{s}}}
		var b bytes.Buffer
		if err := WriteCSV(&b, tab, CSVOptions{}); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&b)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("written CSV does not read back: %v\n%q", err, b.String())
		}
		for _, rec := range recs {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !csvcell.IsNumber(cell) {
					t.Fatalf("cell %q (from %q) starts a formula", cell, s)
				}
			}
		}
	})
}
