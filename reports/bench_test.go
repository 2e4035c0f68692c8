package reports

import (
	"bufio"
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchRows is the number of late items the benchmark store holds: every
// one is a row of the 逾期发布明细 sheet.
const benchRows = 1_000_000

// benchStore is the fixture with benchRows late items of one unit.
func benchStore(b *testing.B) *sql.DB {
	b.Helper()
	db := fixture(b)
	if _, err := db.Exec(`
INSERT INTO items (unit_id, canonical_url, url, column_id, category, title, publish_date, publish_raw, formed_date,
                   detail_sha256, first_seen_run, last_seen_run, first_seen_date, last_seen_date)
SELECT 'edu', u, u, 'bmdt', '部门动态', '区教育局关于做好第' || i || '项工作的通知',
       DATE '2026-10-01' + CAST(i % 31 AS INTEGER), NULL, DATE '2026-06-01',
       sha256(u), 'r20261102', 'r20261102', DATE '2026-11-02', DATE '2026-11-02'
FROM (SELECT i, 'http://edu.gov.test/bulk/2026/t' || i || '.html' AS u FROM range(?) t(i))`, benchRows); err != nil {
		b.Fatal(err)
	}
	return db
}

// peakRSS resets the process's peak resident set size (VmHWM), so each
// benchmark reports its own peak.
func resetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakMB is VmHWM from /proc/self/status, in MB.
func peakMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkScorecard writes the whole scorecard of a store whose late-items
// sheet has a million rows.
func BenchmarkScorecard(b *testing.B) {
	if testing.Short() {
		b.Skip("writes a million rows")
	}
	db := benchStore(b)
	opts := testOptions(db)
	if testing.Verbose() {
		// -v shows how long each step takes.
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))
		defer slog.SetDefault(prev)
	}
	dir := b.TempDir()
	resetPeak()
	start := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Scorecard(context.Background(), opts, filepath.Join(dir, "scorecard.xlsx")); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/workbook")
	b.ReportMetric(peakMB(), "peak-MB")
	reportSize(b, filepath.Join(dir, "scorecard.xlsx"))
}

// BenchmarkFloor writes the same million detail rows (the same columns),
// from the same query, with a bare excelize StreamWriter: no styles,
// links, other sheets or print setup. Scorecard ÷ Floor is the cost of everything reports adds.
// The one exception is dates: an unstyled time.Time cell makes excelize
// look up its default date style cell by cell, which would triple the
// floor's time, so the floor gives dates that same style made once.
func BenchmarkFloor(b *testing.B) {
	if testing.Short() {
		b.Skip("writes a million rows")
	}
	db := benchStore(b)
	dir := b.TempDir()
	from, to := periodFrom.Format(time.DateOnly), periodTo.Format(time.DateOnly)
	resetPeak()
	start := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := excelize.NewFile()
		dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
		if err != nil {
			b.Fatal(err)
		}
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		var bd bound
		err = queryRows{db: db, name: "floor", q: expandMacros(sheetSQL("sheet_late_items")), args: []any{from, to, nil}}.scan(context.Background(),
			func(cols []string) (err error) {
				bd, err = bind(cols, lateItemCols) // the same cells as the sheet
				return err
			},
			func(r []any) error {
				n++
				row := make([]any, len(bd.idx))
				for j, k := range bd.idx {
					v := r[k]
					if t, ok := v.(time.Time); ok {
						row[j] = excelize.Cell{StyleID: dateStyle, Value: t}
					} else {
						row[j] = v
					}
				}
				ref, _ := excelize.CoordinatesToCellName(1, n)
				return sw.SetRow(ref, row)
			})
		if err != nil {
			b.Fatal(err)
		}
		if n < benchRows {
			b.Fatalf("%d rows, want at least %d", n, benchRows)
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.SaveAs(filepath.Join(dir, "floor.xlsx")); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.StopTimer()
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/workbook")
	b.ReportMetric(peakMB(), "peak-MB")
	reportSize(b, filepath.Join(dir, "floor.xlsx"))
}

func reportSize(b *testing.B, path string) {
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
	}
}
