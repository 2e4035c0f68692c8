package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/landing"
	"github.com/gongkai/gongkai/queries"
)

// historyJob is one month of the monthly batch: the run RunID loaded
// into DB by its own publish, as a monthly `gongkai load` does, in its own
// process. The months run one after the other on the one database, so
// the last load carries the history of all the others.
type historyJob struct {
	jobCommon
	Landing string `json:"landing"`
	RunID   string `json:"run_id"`
	DB      string `json:"db"`
}

// historyMonth is what one monthly load cost.
type historyMonth struct {
	RunID   string  `json:"run_id"`
	Seconds float64 `json:"seconds"` // the publish, as the child timed it
	// LoadSeconds is LoadRun's own part of it; the rest is the publish
	// (copy, checks, checkpoint) and the calendar, rules and macros.
	LoadSeconds float64 `json:"load_seconds"`
	CPU         float64 `json:"cpu"`
	PeakKiB     int64   `json:"peak_kib"`
	Bytes       int64   `json:"bytes"` // the published file after the load
}

func stageHistory(ctx context.Context, data []byte) (childResult, error) {
	var job historyJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	run, err := landing.OpenRun(job.Landing, job.RunID)
	if err != nil {
		return childResult{}, err
	}
	var st etl.LoadStats
	start := time.Now()
	err = etl.Publish(ctx, job.DB, func(s *etl.Store) error {
		if err := s.LoadCalendar(ctx, nil); err != nil {
			return err
		}
		if err := installRules(ctx, s.DB()); err != nil {
			return err
		}
		var err error
		if st, err = s.LoadRun(ctx, run, etl.LoadOptions{Logger: log}); err != nil {
			return err
		}
		return queries.Install(ctx, s.DB())
	})
	if err != nil {
		return childResult{}, fmt.Errorf("load %s: %w", job.RunID, err)
	}
	secs := time.Since(start).Seconds()
	fi, err := os.Stat(job.DB)
	if err != nil {
		return childResult{}, err
	}
	return childResult{Seconds: secs, Count: int64(st.Items + st.Letters + st.Columns + st.Homes + st.Pages),
		Info: map[string]any{"load_seconds": st.Duration.Seconds(), "bytes": fi.Size()}}, nil
}
