package reports

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
)

// An empty store still gives a complete, valid workbook.
func TestScorecardEmptyStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every metric on an empty store")
	}
	ctx := context.Background()
	st, err := etl.Open(ctx, filepath.Join(t.TempDir(), "empty.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := queries.Install(ctx, st.DB()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	if err := Scorecard(ctx, testOptions(st.DB()), path); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	if got := f.GetSheetList(); len(got) < 10 || got[0] != "概览" || got[len(got)-1] != "说明" {
		t.Errorf("sheets = %v", got)
	}
	paths, err := PerUnit(ctx, testOptions(st.DB()), t.TempDir())
	if err != nil || len(paths) != 0 {
		t.Errorf("PerUnit = %v, %v; want no workbooks", paths, err)
	}
}

func TestOptionsCheck(t *testing.T) {
	ctx := context.Background()
	if err := Scorecard(ctx, Options{}, filepath.Join(t.TempDir(), "x.xlsx")); err == nil {
		t.Error("Scorecard without a database succeeded")
	}
	opts := Options{DB: nil, From: periodTo, To: periodFrom}
	if _, err := PerUnit(ctx, opts, t.TempDir()); err == nil {
		t.Error("PerUnit with an inverted period succeeded")
	}
}
