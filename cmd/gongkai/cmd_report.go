package main

import (
	"context"
	"fmt"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report", "[--config FILE] [--period PERIOD | --from DATE --to DATE] [--cutoff DATE] [--per-unit=false] [--units IDS]")
	cfgPath := configFlag(fs)
	periodFlag := fs.String("period", "", "month (2026-10) or year (2026); default the previous month")
	from := fs.String("from", "", "first day of the period (2026-01-01)")
	to := fs.String("to", "", "last day of the period (2026-12-31)")
	cutoff := cutoffFlag(fs)
	perUnit := perUnitFlag(fs)
	units := fs.String("units", "", "with --per-unit: only these unit IDs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := parsePeriod(*periodFlag, *from, *to, e.now())
	if err != nil {
		return err
	}
	cut, err := parseCutoff(*cutoff)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now}
	var paths []string
	err = s.withBars(func() (err error) {
		paths, err = s.report(ctx, p, cut, *perUnit, splitList(*units))
		return err
	})
	if len(paths) == 0 {
		return err
	}
	fmt.Fprintf(e.stdout, "period %s\n", p)
	for _, path := range paths {
		fmt.Fprintln(e.stdout, path)
	}
	return err
}
