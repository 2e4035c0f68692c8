package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/landing"
)

// A run crawled by several processes is made in three steps, each by the
// same code a single process runs: Prepare writes the run's directory and
// manifest once, any number of processes call CrawlUnits for the units they
// were given (a unit at a time, never the same unit twice at once), and
// Finish writes the manifest from the units' files when all are done. The
// manifest is written by Prepare and Finish only, so processes on several
// machines never race on it.

// Prepare creates the run that Options describe (or, with Resume, opens the
// newest incomplete one or Options.RunID) without crawling anything. It
// returns the run and the IDs of its units that are not done yet.
func Prepare(ctx context.Context, opts Options) (*landing.Run, []string, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	s := newSettings(opts.Config, opts.Transport, opts.Now, opts.RetryBase, opts.RetryMax)
	units, err := selectUnits(opts.Config, opts.Units)
	if err != nil {
		return nil, nil, err
	}
	run, m, err := openRun(opts, s, units)
	if err != nil {
		return nil, nil, err
	}
	var todo []string
	for _, u := range m.Units {
		if !run.UnitDone(u.UnitID) {
			todo = append(todo, u.UnitID)
		}
	}
	return run, todo, ctx.Err()
}

// CrawlUnits crawls the units named in Options.Units into the existing run
// Options.RunID, resuming each from its journal, and returns their
// statuses. It does not touch the run's manifest (see Prepare). A unit whose
// files are already complete is not crawled again.
func CrawlUnits(ctx context.Context, opts Options) ([]landing.UnitStatus, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	if opts.RunID == "" {
		return nil, errors.New("crawl units: no run id")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	run, err := landing.OpenRun(opts.Landing, opts.RunID)
	if err != nil {
		return nil, fmt.Errorf("crawl units: %w", err)
	}
	s := newSettings(opts.Config, opts.Transport, opts.Now, opts.RetryBase, opts.RetryMax)
	s.hostWait = opts.HostWait
	units, err := selectUnits(opts.Config, opts.Units)
	if err != nil {
		return nil, err
	}
	e := newEngine(ctx, s)
	rc := newRobotsCache()
	stats := &counters{}
	out := make([]landing.UnitStatus, 0, len(units))
	for _, u := range units {
		if run.UnitDone(u.ID) {
			st, err := statusFromFiles(run, u.ID)
			if err != nil {
				return out, err
			}
			out = append(out, st)
			continue
		}
		st, err := crawlUnit(ctx, e, rc, run, opts.Config, u, s, stats, log.With("run", run.ID), nil)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		if err != nil {
			st = landing.UnitStatus{UnitID: u.ID, Error: err.Error()}
		}
		out = append(out, st)
	}
	return out, nil
}

// Finish completes a run whose units were crawled by CrawlUnits: each
// unit's manifest entry is read from its files, or taken from failed for a
// unit that could not be crawled (a unit with neither is recorded as not
// crawled). The run is then marked complete.
func Finish(ctx context.Context, opts Options, failed map[string]string) (*Result, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	run, err := landing.OpenRun(opts.Landing, opts.RunID)
	if err != nil {
		return nil, fmt.Errorf("finish run: %w", err)
	}
	m, err := run.ReadManifest()
	if err != nil {
		return nil, fmt.Errorf("finish run: %w", err)
	}
	s := newSettings(opts.Config, opts.Transport, opts.Now, opts.RetryBase, opts.RetryMax)
	var res []UnitFailure
	for i, u := range m.Units {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st := landing.UnitStatus{UnitID: u.UnitID, Error: "not crawled"}
		switch {
		case run.UnitDone(u.UnitID):
			if st, err = statusFromFiles(run, u.UnitID); err != nil {
				return nil, fmt.Errorf("finish run: unit %s: %w", u.UnitID, err)
			}
		case failed[u.UnitID] != "":
			st.Error = failed[u.UnitID]
		}
		if st.Error != "" {
			res = append(res, UnitFailure{UnitID: u.UnitID, Err: errors.New(st.Error)})
		}
		m.Units[i] = st
	}
	slices.SortFunc(res, func(a, b UnitFailure) int { return compareStrings(a.UnitID, b.UnitID) })
	mc := &manifestKeeper{run: run, m: m}
	fin, err := mc.finish(s.now())
	if err != nil {
		return nil, fmt.Errorf("finish run: %w", err)
	}
	return &Result{Run: run, Manifest: fin, Failed: res}, nil
}

func checkOptions(opts Options) error {
	if opts.Config == nil {
		return errors.New("crawl: no config")
	}
	if opts.Landing == "" {
		return errors.New("crawl: no landing root")
	}
	return nil
}

// ConfigHash identifies a configuration as the run's manifest records it,
// so processes sharing a run can check they crawl with the same one.
func ConfigHash(cfg *config.Config) string { return configHash(cfg) }
