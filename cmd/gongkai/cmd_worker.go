package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/crawl/fleet"
	"github.com/gongkai/gongkai/landing"
)

// runWorker is one crawl worker of a fleet: it takes units of any run that
// `gongkai run --redis` submitted and crawls them into the run's directory,
// until interrupted.
func runWorker(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "worker", "--redis URL [--redis-prefix PREFIX] [--config FILE] [--name NAME] [--lease DURATION]")
	cfgPath := configFlag(fs)
	redisURL := fs.String("redis", "", "the fleet's Redis server, e.g. redis://10.0.0.5:6379/0")
	prefix := fs.String("redis-prefix", fleet.DefaultPrefix, "prefix of the fleet's Redis keys")
	host, _ := os.Hostname()
	name := fs.String("name", fmt.Sprintf("%s-%d", host, os.Getpid()), "the worker's name in the fleet (unique)")
	lease := fs.Duration("lease", 60*time.Second, "how long a unit stays with a worker that stopped renewing it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *redisURL == "" {
		return usagef("gongkai worker --redis redis://HOST:6379/0 --config FILE", "--redis is required")
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	rdb, err := fleet.Open(ctx, *redisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	log := e.log.With("worker", *name)
	lim := fleet.NewLimiter(rdb, *prefix, log)
	root := cfg.LandingDir()
	w := &fleet.Worker{Redis: rdb, Prefix: *prefix, Name: *name, ConfigSHA256: crawl.ConfigHash(cfg), Lease: *lease, Logger: log,
		Crawl: func(ctx context.Context, runID, unitID string) (landing.UnitStatus, error) {
			sts, err := crawl.CrawlUnits(ctx, crawl.Options{Config: cfg, Landing: root, RunID: runID, Units: []string{unitID},
				Now: e.now, Logger: log.With("stage", "crawl"), HostWait: lim.Wait})
			if err != nil {
				return landing.UnitStatus{UnitID: unitID}, fmt.Errorf("on %s (is %s the shared landing directory?): %w", *name, root, err)
			}
			fmt.Fprintf(e.stdout, "%s: unit %s of run %s: %d items, %d letters, %d pages\n", *name, unitID, runID, sts[0].Items, sts[0].Letters, sts[0].Pages)
			return sts[0], nil
		}}
	fmt.Fprintf(e.stdout, "gongkai worker %s: waiting for units on %s (landing %s)\n", *name, *redisURL, root)
	if err := w.Run(ctx); err != nil {
		return err
	}
	return ctx.Err()
}

// runStatus prints what the fleet is doing.
func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "status", "--redis URL [--redis-prefix PREFIX]")
	redisURL := fs.String("redis", "", "the fleet's Redis server")
	prefix := fs.String("redis-prefix", fleet.DefaultPrefix, "prefix of the fleet's Redis keys")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *redisURL == "" {
		return usagef("gongkai status --redis redis://HOST:6379/0", "--redis is required")
	}
	rdb, err := fleet.Open(ctx, *redisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	runs, err := fleet.Status(ctx, rdb, *prefix)
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		fmt.Fprintln(e.stdout, "no run submitted to this fleet")
		return nil
	}
	for _, r := range runs {
		fmt.Fprintf(e.stdout, "run %s (submitted %s): %d of %d units done, %d failed, %d waiting or in progress\n",
			r.RunID, r.Submitted, r.Done, r.Total, r.Failed, r.Pending)
		for _, u := range sortedKeys(r.Active) {
			fmt.Fprintf(e.stdout, "  unit %s: %s\n", u, r.Active[u])
		}
	}
	return nil
}
