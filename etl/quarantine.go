package etl

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/gongkai/gongkai/landing"
)

// Quarantined is a landing file a load set aside because it could not be
// read.
type Quarantined struct {
	Path   string // where it was
	To     string // where it is now
	Reason string
}

// LoadRunChecked loads a run like LoadRun. When the load fails, every
// finished unit's files are read to their end; those that cannot be read
// (a truncated gzip, a broken line) are quarantined, with a warning naming
// each, and the rest of the run is loaded. One damaged file thus costs
// one unit of one run, never every later load. The check runs only after
// a failure, so a sound run costs nothing more to load.
func (s *Store) LoadRunChecked(ctx context.Context, run *landing.Run, opts LoadOptions) (LoadStats, []Quarantined, error) {
	st, err := s.LoadRun(ctx, run, opts)
	if err == nil || ctx.Err() != nil {
		return st, nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if merr := run.CheckMeta(); merr != nil {
		// Without its manifest or unit snapshot the run cannot be loaded
		// at all; the caller decides (see QuarantineRun).
		return st, nil, err
	}
	units, uerr := run.ReadUnits()
	if uerr != nil {
		return st, nil, err
	}
	m, merr := run.ReadManifest()
	if merr != nil {
		return st, nil, err
	}
	ids := map[string]bool{}
	for _, u := range units {
		ids[u.ID] = true
	}
	for _, u := range m.Units {
		ids[u.UnitID] = true
	}
	var q []Quarantined
	for id := range ids {
		if !run.UnitDone(id) {
			continue
		}
		for _, p := range run.CheckUnit(id) {
			to, qerr := landing.Quarantine(p.Path)
			if qerr != nil {
				return st, q, fmt.Errorf("%w (and %w)", err, qerr)
			}
			reason := p.Err.Error()
			log.Warn("quarantined unreadable landing file; the unit's records of this run are not loaded",
				"run", run.ID, "unit", id, "file", p.Path, "moved_to", to, "err", reason)
			q = append(q, Quarantined{Path: p.Path, To: to, Reason: reason})
		}
	}
	if len(q) == 0 {
		return st, nil, err
	}
	st, err = s.LoadRun(ctx, run, opts)
	return st, q, err
}

// QuarantineRun sets aside the manifest of a run that cannot be read, so
// that the run is no longer listed and later loads go on without it. A run
// already in the database keeps its manifest: the database holds what it
// said, and a rebuild may still need the files once the manifest is fixed.
// It returns where the manifest went ("" when it stayed).
func QuarantineRun(run *landing.Run, alreadyLoaded bool, problem error, log *slog.Logger) (string, error) {
	if log == nil {
		log = slog.Default()
	}
	if alreadyLoaded {
		log.Warn("landing run has an unreadable manifest; it is loaded already, so it is skipped",
			"run", run.ID, "err", problem)
		return "", nil
	}
	to, err := landing.Quarantine(run.ManifestPath())
	if err != nil {
		return "", err
	}
	log.Warn("quarantined the unreadable manifest of a landing run; the run is not loaded",
		"run", run.ID, "moved_to", to, "err", problem)
	return to, nil
}
