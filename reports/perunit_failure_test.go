package reports

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A unit name of 76 Chinese characters gets a workbook whose name fits
// the file system, and a unit whose workbook cannot be written is listed
// while every other unit still gets its workbook.
func TestPerUnitLongNameAndOneFailure(t *testing.T) {
	db := fixture(t)
	long := strings.Repeat("某某市某某区人民政府办公室", 6)[:76*3] // 76 characters, 228 bytes
	if _, err := db.Exec(`UPDATE units SET name = ? WHERE unit_id = 'health'`, long); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Something already sits where the town's workbook goes.
	blocker := filepath.Join(dir, "问题清单_城关镇_town.xlsx")
	if err := os.MkdirAll(filepath.Join(blocker, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	paths, err := PerUnit(context.Background(), testOptions(db), dir)
	var ue *UnitError
	if !errors.As(err, &ue) || ue.UnitID != "town" {
		t.Fatalf("err = %v, want a UnitError for town", err)
	}
	if len(paths) != 4 {
		t.Fatalf("paths = %v, want the 4 other units' workbooks", paths)
	}
	var sawLong bool
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("workbook %s: %v", p, err)
		}
		if b := filepath.Base(p); strings.HasSuffix(b, "_health.xlsx") {
			sawLong = true
			if len(b) > 200 || !strings.HasPrefix(b, "问题清单_某某市") {
				t.Errorf("long name's workbook = %q (%d bytes)", b, len(b))
			}
		}
	}
	if !sawLong {
		t.Errorf("no workbook for the unit with the long name: %v", paths)
	}
}
