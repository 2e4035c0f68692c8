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
	fs := newFlags(e, "run", "[--config FILE] [--period PERIOD] [--resume | --retry-failed] [--per-unit=false] [--redis URL [--redis-prefix PREFIX]]")
	cfgPath := configFlag(fs)
	periodFlag := fs.String("period", "", "the month (2026-10) or year (2026) to report; default the previous month")
	resume := fs.Bool("resume", false, "after a crash: finish the newest incomplete run, or the load, publish and report of a finished one")
	retry := fs.Bool("retry-failed", false, "instead of a new crawl, crawl again into the newest finished run only the units with a source failed, blocked, partial or suspect; then load and report")
	perUnit := perUnitFlag(fs)
	redisURL := fs.String("redis", "", "spread the crawl over the workers of this Redis server (see docs/scale.md)")
	redisPrefix := fs.String("redis-prefix", "gongkai", "prefix of the fleet's Redis keys")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := parsePeriod(*periodFlag, "", "", e.now())
	if err != nil {
		return err
	}
	if *resume && *retry {
		return usagef("gongkai run --retry-failed", "--resume and --retry-failed do not go together")
	}
	if *retry && *redisURL != "" {
		return usagef("gongkai run --retry-failed", "--retry-failed crawls in this process: leave out --redis")
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
	s := &stages{e: e, cfg: cfg, now: e.now, retryFailed: *retry, fleet: fleetOpts{url: *redisURL, prefix: *redisPrefix}}
	if *resume {
		return s.withBars(func() error { return s.resume(ctx, *periodFlag, *perUnit) })
	}
	if err := s.checkRules(ctx, p.from.Year()); err != nil {
		return err
	}
	return s.withBars(func() error { return s.batch(ctx, p, false, *perUnit) })
}

// batch is the monthly job: crawl, load and publish, report. A unit that
// fails is listed, not fatal; the batch fails when no unit could be crawled
// (the run is still loaded, the reports are not rewritten) or a later stage
// fails.
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
	var only []string
	if s.retryFailed {
		only = []string{res.Run.ID} // loaded again with the units re-crawled
	}
	return s.afterCrawl(ctx, start, p, perUnit, only, res)
}

// afterCrawl is the batch from the load on: load and publish (the runs in
// only, else every complete run not loaded yet), the units whose grade
// changed, report, and the list of the units whose crawl failed. res is the
// crawl just made, nil when resuming after it.
func (s *stages) afterCrawl(ctx context.Context, start time.Time, p period, perUnit bool, only []string, res *crawl.Result) error {
	e := s.e
	// A database published by an older version may lack what the grades
	// are read with; the batch goes on and says it cannot compare.
	before, err := s.publishedGrades(ctx, p)
	if err != nil {
		e.log.Warn("cannot read the grades of the previous publish", "err", err)
	}
	loaded, err := s.load(ctx, only, p.from.Year())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, loadedLine(loaded, s.cfg.DatabasePath()))
	after, err := s.publishedGrades(ctx, p)
	if err != nil {
		return err
	}
	printGradeChanges(e, p, before, after)
	var failed []crawl.UnitFailure
	if res != nil {
		if allUnitsFailed(res) {
			return fmt.Errorf("%w: every unit failed to crawl (see %s); reports not rewritten", errBatchFailed, res.Run.Dir)
		}
		failed = res.Failed
	}
	paths, reportErr := s.report(ctx, p, nil, perUnit, nil)
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
