package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/crawl"
)

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl", "[--config FILE] [--period PERIOD] [--resume [--run ID] | --retry-failed [--run ID]] [--units IDS] [--redis URL [--redis-prefix PREFIX]]")
	cfgPath := configFlag(fs)
	periodFlag := fs.String("period", "", "the period the run is for, recorded in the manifest (e.g. 2026-10)")
	resume := fs.Bool("resume", false, "continue the newest incomplete run (or --run ID) instead of starting a new one")
	retry := fs.Bool("retry-failed", false, "crawl again, into the newest finished run (or --run ID), only the units with a source failed, blocked, partial or suspect")
	runID := fs.String("run", "", "with --resume: the run to continue; with --retry-failed: the run to complete")
	units := fs.String("units", "", "comma-separated unit IDs to crawl (default all)")
	redisURL := fs.String("redis", "", "spread the crawl over the workers of this Redis server (see docs/scale.md)")
	redisPrefix := fs.String("redis-prefix", "gongkai", "prefix of the fleet's Redis keys")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *runID != "" && !*resume && !*retry {
		return usagef("gongkai crawl --resume --run "+*runID, "--run needs --resume or --retry-failed")
	}
	if *resume && *retry {
		return usagef("gongkai crawl --retry-failed", "--resume and --retry-failed do not go together")
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now, retryFailed: *retry}
	if *redisURL != "" && (*runID != "" || *units != "" || *retry) {
		return usagef("gongkai crawl --redis URL [--resume]", "--run, --units and --retry-failed do not go with --redis")
	}
	var res *crawl.Result
	err = s.withBars(func() error {
		if *redisURL != "" {
			res, err = s.crawlFleet(ctx, fleetOpts{url: *redisURL, prefix: *redisPrefix}, *periodFlag, *resume)
		} else {
			res, err = s.crawl(ctx, *periodFlag, *resume, *runID, splitList(*units))
		}
		return err
	})
	if err != nil {
		return err
	}
	printCrawlSummary(e, res)
	if allUnitsFailed(res) {
		return fmt.Errorf("%w: every unit failed to crawl (see %s)", errBatchFailed, res.Run.Dir)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
