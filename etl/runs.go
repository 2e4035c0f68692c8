package etl

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/gongkai/gongkai/landing"
)

// PendingRuns says which landing runs under root a load takes: with only
// empty, every complete run not yet stored as complete; otherwise exactly
// the runs in only, complete or not (resuming a run and loading it
// explicitly is how a stopped run gets in). incomplete lists the complete-
// less runs passed over, so the caller can say how to finish them. Which
// stored run a metric takes as its default cutoff is decided by the store
// itself (runs.default_cutoff, see LoadOptions.MaxFailedShare).
func (s *Store) PendingRuns(ctx context.Context, root string, only []string, log *slog.Logger) (load, incomplete []string, err error) {
	ids, err := landing.ListRuns(root)
	if err != nil {
		return nil, nil, err
	}
	want := map[string]bool{}
	for _, id := range only {
		want[id] = true
	}
	have := map[string]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT run_id FROM runs WHERE complete`)
	if err != nil {
		return nil, nil, fmt.Errorf("list loaded runs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, nil, fmt.Errorf("list loaded runs: %w", err)
		}
		have[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("list loaded runs: %w", err)
	}
	for _, id := range ids {
		run, err := landing.OpenRun(root, id)
		if err != nil {
			return nil, nil, err
		}
		m, err := run.ReadManifest()
		if err == nil {
			err = run.CheckMeta()
		}
		if err != nil {
			// A damaged run named on purpose is an error; any other is set
			// aside (or, loaded already, skipped) so it never blocks later
			// loads.
			if want[id] {
				return nil, nil, err
			}
			if _, err := QuarantineRun(run, have[id], err, log); err != nil {
				return nil, nil, err
			}
			continue
		}
		switch {
		case want[id]:
		case len(want) > 0:
			continue
		case !m.Complete:
			incomplete = append(incomplete, id)
			continue
		case have[id]:
			continue
		}
		load = append(load, id)
	}
	return load, incomplete, nil
}
