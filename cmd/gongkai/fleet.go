package main

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/crawl/fleet"
)

// fleetOpts says where a batch's crawl is spread; empty URL crawls in this
// process.
type fleetOpts struct {
	url, prefix string
}

// crawlFleet makes the run, hands its units to the fleet's workers, waits
// for all of them, and finishes the run: the same run a single process
// makes, crawled by several.
func (s *stages) crawlFleet(ctx context.Context, fo fleetOpts, periodLabel string, resume bool) (*crawl.Result, error) {
	rdb, err := fleet.Open(ctx, fo.url)
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	defer rdb.Close()
	o := crawl.Options{Config: s.cfg, Landing: s.cfg.LandingDir(), Resume: resume, Period: periodLabel, Now: s.now,
		Logger: s.e.log.With("stage", "crawl")}
	run, todo, err := crawl.Prepare(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	job := fleet.Job{RunID: run.ID, ConfigSHA256: crawl.ConfigHash(s.cfg), Landing: o.Landing, Units: todo}
	if err := fleet.Submit(ctx, rdb, fo.prefix, job); err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	fmt.Fprintf(s.e.stdout, "run %s: %d units handed to the workers on %s (start them with: gongkai worker --redis %s --config …)\n",
		run.ID, len(todo), fo.url, fo.url)
	done := 0
	bar := s.bars.add("crawl", "units", len(todo))
	defer bar.finish()
	results, err := fleet.Wait(ctx, rdb, fo.prefix, run.ID, todo, func(ev fleet.Event) {
		switch {
		case ev.Kind == "start":
			fmt.Fprintf(s.e.stdout, "  %s: crawling %s\n", ev.Worker, ev.UnitID)
		case ev.Kind == "done" && ev.Result != nil:
			done++
			st := ev.Result.Status
			bar.unit(st)
			line := fmt.Sprintf("  %s: %s done (%d of %d): %d items, %d letters, %d pages, %d errors", ev.Worker, ev.UnitID, done, len(todo),
				st.Items, st.Letters, st.Pages, st.Failed)
			if ev.Result.Failed() {
				line += ": " + ev.Result.Message()
			}
			fmt.Fprintln(s.e.stdout, line)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	failed := map[string]string{}
	for u, r := range results {
		if r.Failed() {
			failed[u] = r.Message()
		}
	}
	o.RunID, o.Resume = run.ID, false
	res, err := crawl.Finish(ctx, o, failed)
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	return res, nil
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
