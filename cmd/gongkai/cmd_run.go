package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errBatchFailed means the batch as a whole failed (not just some units).
var errBatchFailed = errors.New("batch failed")

func runRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run", "[--config FILE] [--period 2026-10] [--resume]")
	cfgPath := configFlag(fs)
	periodFlag := fs.String("period", "", "the month (2026-10) or year (2026) to report; default the previous month")
	resume := fs.Bool("resume", false, "continue the newest incomplete run after a crash instead of starting a new one")
	perUnit := fs.Bool("per-unit", true, "also write one 问题清单 workbook per unit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := parsePeriod(*periodFlag, "", "", e.now())
	if err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	release, err := acquireLock(cfg.Path(""))
	if err != nil {
		return err
	}
	defer release()
	s := &stages{e: e, cfg: cfg, now: e.now}
	return s.batch(ctx, p, *resume, *perUnit)
}

// batch is the monthly job: crawl, load and publish, report. A unit that
// fails is listed, not fatal. When every unit failed, the run is still
// loaded (its failures are evidence, and it never becomes a default
// cutoff, see etl.LoadOptions.MaxFailedShare), the reports are not
// rewritten, and the batch fails.
func (s *stages) batch(ctx context.Context, p period, resume, perUnit bool) error {
	start := time.Now()
	e := s.e
	fmt.Fprintf(e.stdout, "gongkai run: period %s, %d units\n", p, len(s.cfg.Units))
	// A database published by an older version may lack what the grades
	// are read with; the batch goes on and says it cannot compare.
	before, err := s.publishedGrades(ctx, p)
	if err != nil {
		e.log.Warn("cannot read the grades of the previous publish", "err", err)
	}
	res, err := s.crawl(ctx, p.label, resume, "", nil)
	if err != nil {
		return err
	}
	printCrawlSummary(e, res)
	loaded, err := s.load(ctx, nil, p.from.Year())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %d run(s); published %s\n", len(loaded), s.cfg.DatabasePath())
	after, err := s.publishedGrades(ctx, p)
	if err != nil {
		return err
	}
	printGradeChanges(e, p, before, after)
	if allUnitsFailed(res) {
		return fmt.Errorf("%w: every unit failed to crawl (see %s); reports not rewritten", errBatchFailed, res.Run.Dir)
	}
	paths, err := s.report(ctx, p, perUnit, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "scorecard: %s\n", paths[0])
	if len(paths) > 1 {
		fmt.Fprintf(e.stdout, "问题清单: %d workbooks in %s\n", len(paths)-1, dirOf(paths[1]))
	}
	if len(res.Failed) > 0 {
		fmt.Fprintf(e.stdout, "done in %s with %d unit(s) failed:\n", time.Since(start).Round(time.Second), len(res.Failed))
		for _, f := range res.Failed {
			fmt.Fprintf(e.stdout, "  %s: %v\n", f.UnitID, f.Err)
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "done in %s\n", time.Since(start).Round(time.Second))
	return nil
}
