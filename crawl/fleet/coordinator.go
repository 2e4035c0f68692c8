package fleet

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gongkai/gongkai/landing"
)

// Job describes a run handed to the fleet.
type Job struct {
	RunID string
	// ConfigSHA256 identifies the configuration the run was made with; a
	// worker whose configuration differs refuses the run's units, since it
	// would crawl other columns or with other limits.
	ConfigSHA256 string
	// Landing is the landing root as the coordinator sees it: workers must
	// see the run's directory under their own landing root (shared storage).
	Landing string
	Units   []string
}

// Result is a unit's outcome as a worker reported it.
type Result struct {
	UnitID string             `json:"unit_id"`
	Worker string             `json:"worker"`
	Status landing.UnitStatus `json:"status"`
	// Error is set when the unit could not be crawled at all (the worker's
	// configuration differs, the run directory is missing, a landing write
	// failed, or workers died on it too often).
	Error string    `json:"error,omitempty"`
	At    time.Time `json:"at"`
}

// Failed reports whether the unit failed as a whole.
func (r Result) Failed() bool { return r.Error != "" || r.Status.Error != "" }

// Message is the unit's error, "" when it did not fail.
func (r Result) Message() string {
	if r.Error != "" {
		return r.Error
	}
	return r.Status.Error
}

// Event is a worker starting or finishing a unit.
type Event struct {
	Kind   string // "start" or "done"
	UnitID string
	Worker string
	Result *Result // for "done"
}

// Submit puts a run's units on the fleet's stream. Units already done (in
// the run's done hash) are not submitted again, so a resumed run hands out
// only what is left.
func Submit(ctx context.Context, rdb *redis.Client, prefix string, job Job) error {
	k := newKeys(prefix)
	if err := ensureGroup(ctx, rdb, k); err != nil {
		return err
	}
	done, err := rdb.HKeys(ctx, k.done(job.RunID)).Result()
	if err != nil {
		return fmt.Errorf("submit run %s: %w", job.RunID, err)
	}
	pipe := rdb.TxPipeline()
	pipe.SAdd(ctx, k.runs(), job.RunID)
	pipe.HSet(ctx, k.run(job.RunID), "total", len(job.Units), "config", job.ConfigSHA256,
		"landing", job.Landing, "submitted", time.Now().UTC().Format(time.RFC3339))
	for _, u := range job.Units {
		if slices.Contains(done, u) {
			continue
		}
		pipe.XAdd(ctx, &redis.XAddArgs{Stream: k.units(), Values: map[string]any{
			"run": job.RunID, "unit": u, "config": job.ConfigSHA256}})
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("submit run %s: %w", job.RunID, err)
	}
	return nil
}

// Wait returns once every unit of the run has a result, calling onEvent
// for each start and finish as workers report them. It waits on the run's
// event stream, and reads the done hash after each batch of events, so a
// result reported before Wait began is not missed.
func Wait(ctx context.Context, rdb *redis.Client, prefix, runID string, units []string, onEvent func(Event)) (map[string]Result, error) {
	k := newKeys(prefix)
	last := "0"
	for {
		results, err := Results(ctx, rdb, prefix, runID)
		if err != nil {
			return nil, err
		}
		missing := 0
		for _, u := range units {
			if _, ok := results[u]; !ok {
				missing++
			}
		}
		if missing == 0 {
			return results, nil
		}
		streams, err := rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{k.events(runID), last}, Block: 2 * time.Second, Count: 100}).Result()
		switch {
		case isNil(err):
			continue
		case err != nil:
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("wait for run %s: %w", runID, err)
		}
		for _, s := range streams {
			for _, m := range s.Messages {
				last = m.ID
				if onEvent != nil {
					onEvent(decodeEvent(m.Values))
				}
			}
		}
	}
}

// Results returns the units of a run that have a result.
func Results(ctx context.Context, rdb *redis.Client, prefix, runID string) (map[string]Result, error) {
	raw, err := rdb.HGetAll(ctx, newKeys(prefix).done(runID)).Result()
	if err != nil {
		return nil, fmt.Errorf("read results of run %s: %w", runID, err)
	}
	out := make(map[string]Result, len(raw))
	for unit, v := range raw {
		var r Result
		if err := json.Unmarshal([]byte(v), &r); err != nil {
			return nil, fmt.Errorf("result of unit %s in run %s: %w", unit, runID, err)
		}
		out[unit] = r
	}
	return out, nil
}

func decodeEvent(v map[string]any) Event {
	s := func(k string) string { x, _ := v[k].(string); return x }
	ev := Event{Kind: s("kind"), UnitID: s("unit"), Worker: s("worker")}
	if r := s("result"); r != "" {
		var res Result
		if json.Unmarshal([]byte(r), &res) == nil {
			ev.Result = &res
		}
	}
	return ev
}

// RunStatus is what the fleet knows of one run.
type RunStatus struct {
	RunID     string
	Submitted string
	Total     int
	Done      int
	Failed    int
	// Active maps a unit being crawled to its worker.
	Active map[string]string
	// Pending is how many of the run's units are claimed or waiting.
	Pending int
}

// Status reports every run the fleet has seen, newest first, and the
// workers' pending entries.
func Status(ctx context.Context, rdb *redis.Client, prefix string) ([]RunStatus, error) {
	k := newKeys(prefix)
	ids, err := rdb.SMembers(ctx, k.runs()).Result()
	if err != nil {
		return nil, fmt.Errorf("status: %w", err)
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	var out []RunStatus
	for _, id := range ids {
		meta, err := rdb.HGetAll(ctx, k.run(id)).Result()
		if err != nil {
			return nil, fmt.Errorf("status of run %s: %w", id, err)
		}
		results, err := Results(ctx, rdb, prefix, id)
		if err != nil {
			return nil, err
		}
		active, err := rdb.HGetAll(ctx, k.active(id)).Result()
		if err != nil {
			return nil, fmt.Errorf("status of run %s: %w", id, err)
		}
		st := RunStatus{RunID: id, Submitted: meta["submitted"], Done: len(results), Active: active}
		st.Total, _ = strconv.Atoi(meta["total"])
		for _, r := range results {
			if r.Failed() {
				st.Failed++
			}
		}
		st.Pending = max(st.Total-st.Done, 0)
		out = append(out, st)
	}
	return out, nil
}
