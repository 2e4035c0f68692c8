package main

import (
	"context"
	"fmt"
	"strings"
)

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl", "[--config FILE] [--period 2026-10] [--resume [--run ID]] [--units a,b]")
	cfgPath := configFlag(fs)
	periodFlag := fs.String("period", "", "the period the run is for, recorded in the manifest (e.g. 2026-10)")
	resume := fs.Bool("resume", false, "continue the newest incomplete run (or --run ID) instead of starting a new one")
	runID := fs.String("run", "", "with --resume: the run to continue")
	units := fs.String("units", "", "comma-separated unit IDs to crawl (default all)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *runID != "" && !*resume {
		return usagef("gongkai crawl --resume --run "+*runID, "--run needs --resume")
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now}
	res, err := s.crawl(ctx, *periodFlag, *resume, *runID, splitList(*units))
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
