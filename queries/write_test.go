package queries

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func sampleTable() *Table {
	return &Table{
		Name:    "sample",
		Columns: []string{"unit_name", "total", "rate", "cutoff", "ok"},
		Types:   []string{"VARCHAR", "DOUBLE", "DOUBLE", "DATE", "BOOLEAN"},
		Rows: [][]any{
			{"发展改革委", 73.15, 0.5, date("2026-03-02"), true},
			{"cgz", nil, 1.0 / 3, date("2026-03-02"), false},
		},
	}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sampleTable()); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"unit_name   total    rate  cutoff      ok",
		"----------  -----  ------  ----------  -----",
		"发展改革委  73.15     0.5  2026-03-02  true",
		"cgz             —  0.3333  2026-03-02  false",
		"",
	}, "\n")
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sampleTable(), CSVOptions{BOM: true}); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffunit_name,total,rate,cutoff,ok\r\n" +
		"发展改革委,73.15,0.5,2026-03-02,true\r\n" +
		"cgz,,0.3333333333333333,2026-03-02,false\r\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sampleTable()); err != nil {
		t.Fatal(err)
	}
	want := "[\n" +
		`  {"unit_name": "发展改革委", "total": 73.15, "rate": 0.5, "cutoff": "2026-03-02", "ok": true},` + "\n" +
		`  {"unit_name": "cgz", "total": null, "rate": 0.3333333333333333, "cutoff": "2026-03-02", "ok": false}` + "\n]\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	b.Reset()
	if err := WriteJSON(&b, &Table{Columns: []string{"a"}}); err != nil || b.String() != "[]\n" {
		t.Errorf("empty table: %q, %v", b.String(), err)
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{nil, "—"}, {int64(3), "3"}, {2.5, "2.5"}, {-0.00001, "0"}, {57.385, "57.385"},
		{date("2026-02-13"), "2026-02-13"}, {time.Date(2026, 2, 13, 10, 30, 0, 0, time.UTC), "2026-02-13 10:30:00"},
		{"咨询", "咨询"}, {true, "true"},
	} {
		if got := Format(tc.in); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRunParameters(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := Run(ctx, db, "no_such_metric", date("2026-01-01"), date("2026-01-31"), nil); err == nil {
		t.Error("unknown metric: no error")
	}
	// A name is never spliced into SQL unless it is a listed metric.
	if _, err := Run(ctx, db, "scorecard(DATE '2026-01-01', DATE '2026-01-31') --", date("2026-01-01"), date("2026-01-31"), nil); err == nil {
		t.Error("injected name: no error")
	}
	c := date("2026-03-02")
	tab, err := RunSQL(ctx, db, "SELECT gk.cutoff(CAST(? AS DATE), CAST(? AS DATE)) AS c, gk.wd(DATE '2026-02-13', DATE '2026-02-27') AS wd",
		"2026-02-28", c.Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
	if got := Format(tab.Rows[0][0]) + " " + Format(tab.Rows[0][1]); got != "2026-03-02 5" {
		t.Errorf("cutoff and working days = %s, want 2026-03-02 5", got)
	}
	if _, err := Run(ctx, db, "timeliness", date("2026-02-01"), date("2026-02-28"), &c); err != nil {
		t.Errorf("timeliness with a cutoff: %v", err)
	}
	// As an analyst writes it: the cutoff parameter left out.
	if _, err := RunSQL(ctx, db, "SELECT * FROM letters_summary(DATE '2026-02-01', DATE '2026-02-28')"); err != nil {
		t.Errorf("macro without cutoff: %v", err)
	}
}

func TestInstallIdempotent(t *testing.T) {
	db := openStore(t)
	if err := Install(context.Background(), db); err != nil {
		t.Fatalf("second install: %v", err)
	}
}

func TestListMatchesFiles(t *testing.T) {
	var sqlText strings.Builder
	for _, f := range Files() {
		s, err := Source(f)
		if err != nil {
			t.Fatal(err)
		}
		sqlText.WriteString(s)
	}
	for _, m := range List() {
		// The standard parameters first; a sheet may take optional ones after.
		std := "CREATE OR REPLACE MACRO " + m.Name + "(period_from, period_to, cutoff := NULL"
		if !strings.Contains(sqlText.String(), std+") AS TABLE") && !strings.Contains(sqlText.String(), std+", ") {
			t.Errorf("%s: no macro with the standard parameters", m.Name)
		}
		if m.Title == "" || m.Description == "" {
			t.Errorf("%s: missing title or description", m.Name)
		}
	}
}
