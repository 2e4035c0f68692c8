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
	retry := fs.Bool("retry-failed", false, "instead of a new crawl, crawl again into the newest finished run only the units with a source failed, blocked, partial or suspect; then load and report")
	perUnit := fs.Bool("per-unit", true, "also write one 问题清单 workbook per unit")
	redisURL := fs.String("redis", "", "spread the crawl over the workers of this Redis server (see docs/scale.md)")
	redisPrefix := fs.String("redis-prefix", "gongkai", "prefix of the fleet's Redis keys")
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
	if *resume && *retry {
		return usagef("gongkai run --retry-failed", "--resume and --retry-failed do not go together")
	}
	if *retry && *redisURL != "" {
		return usagef("gongkai run --retry-failed", "--retry-failed crawls in this process: leave out --redis")
	}
	s := &stages{e: e, cfg: cfg, now: e.now, retryFailed: *retry, fleet: fleetOpts{url: *redisURL, prefix: *redisPrefix}}
	return s.batch(ctx, p, *resume, *perUnit)
}

// batch is the monthly job: crawl, load and publish, report. A unit that
// fails is listed, not fatal; the batch fails when no unit could be crawled
// or a later stage fails.
func (s *stages) batch(ctx context.Context, p period, resume, perUnit bool) error {
	start := time.Now()
	e := s.e
	fmt.Fprintf(e.stdout, "gongkai run: period %s, %d units\n", p, len(s.cfg.Units))
	var res *crawl.Result
	var err error
	if s.fleet.url != "" {
		res, err = s.crawlFleet(ctx, s.fleet, p.label, resume)
	} else {
		res, err = s.crawl(ctx, p.label, resume, "", nil)
	}
	if err != nil {
		return err
	}
	printCrawlSummary(e, res)
	if len(res.Failed) == len(s.cfg.Units) && len(s.cfg.Units) > 0 {
		return fmt.Errorf("%w: every unit failed to crawl (see %s)", errBatchFailed, res.Run.Dir)
	}
	var only []string
	if s.retryFailed {
		only = []string{res.Run.ID} // loaded again with the units re-crawled
	}
	loaded, err := s.load(ctx, only, p.from.Year())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %d run(s); published %s\n", len(loaded), s.cfg.DatabasePath())
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
