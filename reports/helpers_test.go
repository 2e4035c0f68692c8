package reports

import (
	"context"
	"database/sql"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/queries"
)

// built is the fixture store with its workbooks, made once for all tests:
// the metric SQL is the slow part and every test reads the same files.
var built struct {
	once      sync.Once
	err       error
	db        *sql.DB
	dir       string
	scorecard string
	units     []string
	metrics   map[string]*queries.Table
	mu        sync.Mutex
}

var sharedTB struct {
	cleanup []func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range sharedTB.cleanup {
		f()
	}
	os.Exit(code)
}

// fixtureTB adapts the shared set-up to testing.TB's Helper/Fatal.
type fixtureTB struct {
	testing.TB
	dir string
}

func (f *fixtureTB) TempDir() string { return f.dir }
func (f *fixtureTB) Cleanup(fn func()) {
	sharedTB.cleanup = append(sharedTB.cleanup, fn)
}

func workbooks(t *testing.T) (db *sql.DB, scorecard string, units []string) {
	t.Helper()
	built.once.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		built.db = fixture(&fixtureTB{TB: t, dir: dir})
		opts := testOptions(built.db)
		built.scorecard = filepath.Join(dir, "scorecard.xlsx")
		if built.err = Scorecard(context.Background(), opts, built.scorecard); built.err != nil {
			return
		}
		built.units, built.err = PerUnit(context.Background(), opts, filepath.Join(dir, "units"))
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.db, built.scorecard, built.units
}

// metric runs a metric on the fixture through package queries, once.
func metric(t *testing.T, name string) *queries.Table {
	t.Helper()
	db, _, _ := workbooks(t)
	built.mu.Lock()
	defer built.mu.Unlock()
	if tab, ok := built.metrics[name]; ok {
		return tab
	}
	tab, err := queries.Run(context.Background(), db, name, periodFrom, periodTo, nil)
	if err != nil {
		t.Fatal(err)
	}
	if built.metrics == nil {
		built.metrics = map[string]*queries.Table{}
	}
	built.metrics[name] = tab
	return tab
}

// expected is a metric as the workbooks show it: the scorecard with the
// 通报's ranks (bulletinRanks, checked by hand in TestRankingOrder).
func expected(t *testing.T, name string) *queries.Table {
	t.Helper()
	tab := metric(t, name)
	if name == "scorecard" {
		return bulletinRanks(tab, true)
	}
	return tab
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// raw is a cell's stored value (not formatted by its number format).
func raw(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// headerCols maps a sheet's header texts (row 3) to column numbers.
func headerCols(t *testing.T, f *excelize.File, sheet string) map[string]int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < headerRow {
		t.Fatalf("%s: no header row", sheet)
	}
	out := map[string]int{}
	for i, h := range rows[headerRow-1] {
		out[h] = i + 1
	}
	return out
}

// sameValue checks that a stored cell shows the query value v as kind k.
func sameValue(t *testing.T, where string, k kind, v any, got string) {
	t.Helper()
	if v == nil {
		if got != "—" {
			t.Errorf("%s = %q, want — for NULL", where, got)
		}
		return
	}
	if k == kHash {
		// A linked hash shows its first digits (shortHash).
		if want := text(v); got != want && got != shortHash(want) {
			t.Errorf("%s = %q, want %q or its start", where, got, want)
		}
		return
	}
	switch k {
	case kInt, kNum, kPoints, kPct, kChange, kGen:
		var want float64
		switch x := v.(type) {
		case *big.Int:
			want, _ = new(big.Float).SetInt(x).Float64()
		default:
			f, ok := toFloat(v)
			if !ok {
				t.Fatalf("%s: %T is not a number", where, v)
			}
			want = f
		}
		// Excel keeps 15 significant digits.
		g, err := strconv.ParseFloat(got, 64)
		if err != nil || math.Abs(g-want) > 1e-14*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %q, want %v", where, got, want)
		}
	case kDate:
		serial, err := strconv.ParseFloat(got, 64)
		if err != nil {
			t.Errorf("%s = %q, want a date", where, got)
			return
		}
		d, err := excelize.ExcelDateToTime(serial, false)
		if err != nil || !d.Equal(v.(time.Time)) {
			t.Errorf("%s = %v, want %v", where, d, v)
		}
	case kBool:
		want := "否"
		if v.(bool) {
			want = "是"
		}
		if got != want {
			t.Errorf("%s = %q, want %q", where, got, want)
		}
	case kRun:
		// The fixture's two runs, by their cutoffs.
		want := map[string]string{"r20261002": "2026-10-02 采集", "r20261102": "2026-11-02 采集"}[text(v)]
		if got != want {
			t.Errorf("%s = %q, want %q (run %v)", where, got, want, v)
		}
	default:
		if want := cellText(text(v)); got != want {
			t.Errorf("%s = %q, want %q", where, got, want)
		}
	}
}

func osMkdirTemp() (string, error) {
	dir, err := os.MkdirTemp("", "gongkai-reports-*")
	if err == nil {
		sharedTB.cleanup = append(sharedTB.cleanup, func() { os.RemoveAll(dir) })
	}
	return dir, err
}

func excelizeCell(col, row int) (string, error) { return excelize.CoordinatesToCellName(col, row) }
