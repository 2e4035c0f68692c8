package queries

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/rules"
)

// openStore creates a store in a temporary directory with the schema of
// etl/schema, the test calendar, the 2026 rules and the metric macros.
func openStore(tb testing.TB) *sql.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", filepath.Join(tb.TempDir(), "test.duckdb"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	files, err := filepath.Glob("../etl/schema/*.sql")
	if err != nil || len(files) == 0 {
		tb.Fatalf("schema files: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(src)); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
	}
	if err := loadCalendar(ctx, db, testCalendar()); err != nil {
		tb.Fatal(err)
	}
	r, err := rules.Default(2026)
	if err != nil {
		tb.Fatal(err)
	}
	if err := rules.Install(ctx, db, r); err != nil {
		tb.Fatal(err)
	}
	if err := Install(ctx, db); err != nil {
		tb.Fatal(err)
	}
	return db
}

func loadCalendar(ctx context.Context, db *sql.DB, cal calendar) error {
	var b strings.Builder
	b.WriteString("INSERT INTO calendar (day, is_workday, holiday, is_makeup, source, workday_no) VALUES ")
	for i, d := range cal.days {
		if i > 0 {
			b.WriteString(",")
		}
		hol := "NULL"
		if d.Holiday != "" {
			hol = "'" + strings.ReplaceAll(d.Holiday, "'", "''") + "'"
		}
		fmt.Fprintf(&b, "(DATE '%s', %t, %s, %t, '%s', %d)", d.Date.Format(time.DateOnly), d.IsWorkday, hol, d.IsMakeup, d.Source, d.WorkdayNo)
	}
	if _, err := db.ExecContext(ctx, b.String()); err != nil {
		return err
	}
	// Which years have an official schedule, as the loader records it.
	for _, y := range etl.ScheduleYears(cal.days[0].Date.Year(), cal.days[len(cal.days)-1].Date.Year(), nil) {
		if _, err := db.ExecContext(ctx, `INSERT INTO calendar_years VALUES ($1, $2, $3)`, y.Year, y.Official, y.Source); err != nil {
			return err
		}
	}
	return nil
}
