package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
)

// historyJob is one month of the monthly batch: the run RunID loaded
// into DB by its own publish, as a monthly `gongkai load` does, in its own
// process. The months run one after the other on the one database, so
// the last load carries the history of all the others.
type historyJob = loadJob

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
	st, secs, err := publishRun(ctx, job)
	if err != nil {
		return childResult{}, fmt.Errorf("load %s: %w", job.RunID, err)
	}
	fi, err := os.Stat(job.DB)
	if err != nil {
		return childResult{}, err
	}
	return childResult{Seconds: secs, Count: int64(st.Items + st.Letters + st.Columns + st.Homes + st.Pages),
		Info: map[string]any{"load_seconds": st.Duration.Seconds(), "bytes": fi.Size()}}, nil
}
