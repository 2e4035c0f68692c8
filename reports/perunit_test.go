package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPerUnit(t *testing.T) {
	_, _, paths := workbooks(t)
	sc := metric(t, "scorecard")
	if len(paths) != len(sc.Rows) {
		t.Fatalf("%d workbooks, want one per unit (%d)", len(paths), len(sc.Rows))
	}
	byUnit := map[string]string{}
	for _, p := range paths {
		base := filepath.Base(p)
		if strings.ContainsAny(base, `/\:*?"<>|`) {
			t.Errorf("unsafe file name %q", base)
		}
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
		for _, r := range sc.Rows {
			id := text(r[sc.Column("unit_id")])
			if strings.HasSuffix(base, "_"+id+".xlsx") {
				byUnit[id] = p
			}
		}
	}
	for _, r := range sc.Rows {
		id := text(r[sc.Column("unit_id")])
		path, ok := byUnit[id]
		if !ok {
			t.Errorf("no workbook for %s", id)
			continue
		}
		t.Run(id, func(t *testing.T) {
			f := open(t, path)
			if got := f.GetSheetList(); strings.Join(got, ",") != "概况,问题清单" {
				t.Fatalf("sheets = %v", got)
			}
			// 概况: each figure against its metric.
			rows, err := f.GetRows("概况")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(rows[0][0], text(r[sc.Column("unit_name")])) {
				t.Errorf("title %q does not name the unit", rows[0][0])
			}
			for i, fig := range unitFigures {
				if fig.col == "veto_reasons" {
					continue
				}
				tab := expected(t, fig.table)
				var want any
				for _, mr := range tab.Rows {
					if text(mr[tab.Column("unit_id")]) == id {
						want = mr[tab.Column(fig.col)]
					}
				}
				ref := fmt.Sprintf("B%d", headerRow+i)
				sameValue(t, "概况 "+fig.label, fig.kind, want, raw(t, f, "概况", ref))
			}
			// 问题清单: one row per fired veto at least.
			problems, err := f.GetRows("问题清单")
			if err != nil {
				t.Fatal(err)
			}
			vetoes := strings.Split(text(r[sc.Column("vetoes")]), "、")
			for _, v := range vetoes {
				if v == "" {
					continue
				}
				found := false
				for _, p := range problems {
					if len(p) > 0 && p[0] == "单项否决："+v {
						found = true
					}
				}
				if !found {
					t.Errorf("问题清单 does not list veto %s", v)
				}
			}
		})
	}
}

func TestPerUnitSelection(t *testing.T) {
	db, _, _ := workbooks(t)
	opts := testOptions(db)
	opts.Units = []string{"", oddUnitName}
	paths, err := PerUnit(context.Background(), opts, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || !strings.HasSuffix(paths[0], "_odd.xlsx") {
		t.Fatalf("paths = %v, want the odd unit's workbook only", paths)
	}
	f := open(t, paths[0])
	if _, err := f.GetRows("问题清单"); err != nil {
		t.Fatal(err)
	}
}
