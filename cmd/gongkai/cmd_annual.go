package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/gongkai/gongkai/reports"
)

// runAnnualReport writes a unit's pre-filled 年度报告 draft: the national
// format's 第二部分 table with what the crawl knows.
func runAnnualReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "annual-report", "[--config FILE] --unit ID [--year YEAR] [-o|--output FILE]")
	cfgPath := configFlag(fs)
	unit := fs.String("unit", "", "unit ID (required)")
	year := fs.Int("year", 0, "the year the report covers; default the year before this one")
	out := fs.StringP("output", "o", "", "workbook to write; default in the reports directory")
	// --out was this flag's name before -o|--output was the one spelling.
	fs.StringVar(out, "out", "", "")
	_ = fs.MarkHidden("out")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *unit == "" {
		return usagef("gongkai annual-report --unit fgw --year 2025", "--unit is required")
	}
	y := *year
	if y == 0 {
		y = e.now().In(shanghai).Year() - 1
	}
	if y < 2000 || y > 2100 {
		return usagef("gongkai annual-report --unit fgw --year 2025", "--year %d is not a year", y)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now}
	db, err := s.openPublished(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	path := *out
	if path == "" {
		path = filepath.Join(cfg.ReportsDir(), reports.FileName("年报草稿_"+*unit+"_"+strconv.Itoa(y))+".xlsx")
	}
	n, err := reports.AnnualDraft(ctx, reports.DraftOptions{DB: db, Unit: *unit, Year: y}, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n行政规范性文件 本年制发件数 from the crawl: %d (listed in the workbook)\n", path, n)
	return nil
}
