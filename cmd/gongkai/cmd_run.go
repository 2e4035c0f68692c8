package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/crawl"
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
	if _, err := parsePeriod(*periodFlag, "", "", e.now()); err != nil {
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
	if !*resume {
		p, _ := parsePeriod(*periodFlag, "", "", e.now())
		if err := s.checkRules(ctx, p.from.Year()); err != nil {
			return err
		}
		return s.batch(ctx, p, false, *perUnit)
	}
	return s.resume(ctx, *periodFlag, *perUnit)
}

// batch is the monthly job: crawl, load and publish, report. A unit that
// fails is listed, not fatal; the batch fails when no unit could be crawled
// or a later stage fails.
func (s *stages) batch(ctx context.Context, p period, resume, perUnit bool) error {
	start := time.Now()
	e := s.e
	fmt.Fprintf(e.stdout, "gongkai run: period %s, %d units\n", p, len(s.cfg.Units))
	res, err := s.crawl(ctx, p.label, resume, "", nil)
	if err != nil {
		return err
	}
	printCrawlSummary(e, res)
	if len(res.Failed) == len(s.cfg.Units) && len(s.cfg.Units) > 0 {
		return fmt.Errorf("%w: every unit failed to crawl (see %s)", errBatchFailed, res.Run.Dir)
	}
	return s.afterCrawl(ctx, start, p, perUnit, res.Failed)
}

// afterCrawl is the batch from the load on: load and publish, report, and
// the list of the units whose crawl failed.
func (s *stages) afterCrawl(ctx context.Context, start time.Time, p period, perUnit bool, failed []crawl.UnitFailure) error {
	e := s.e
	loaded, err := s.load(ctx, nil, p.from.Year())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %d run(s); published %s\n", len(loaded), s.cfg.DatabasePath())
	paths, reportErr := s.report(ctx, p, perUnit, nil)
	if len(paths) == 0 {
		return reportErr
	}
	fmt.Fprintf(e.stdout, "scorecard: %s\n", paths[0])
	if len(paths) > 1 {
		fmt.Fprintf(e.stdout, "问题清单: %d workbooks in %s\n", len(paths)-1, dirOf(paths[1]))
	}
	if reportErr != nil {
		return reportErr
	}
	if len(failed) > 0 {
		fmt.Fprintf(e.stdout, "done in %s with %d unit(s) failed:\n", time.Since(start).Round(time.Second), len(failed))
		for _, f := range failed {
			fmt.Fprintf(e.stdout, "  %s: %v\n", f.UnitID, f.Err)
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "done in %s\n", time.Since(start).Round(time.Second))
	return nil
}
