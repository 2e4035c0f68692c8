package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
)

// macrosJob times every metric macro over the report's period on DB,
// one after the other, each read to its last row.
type macrosJob struct {
	jobCommon
	DB   string    `json:"db"`
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

func stageMacros(ctx context.Context, data []byte) (childResult, error) {
	var job macrosJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	db, err := etl.OpenReadOnly(ctx, job.DB)
	if err != nil {
		return childResult{}, err
	}
	defer db.Close()
	times := map[string]any{}
	start := time.Now()
	for _, m := range queries.List() {
		began := time.Now()
		if _, err := queries.Run(ctx, db, m.Name, job.From, job.To, nil); err != nil {
			return childResult{}, fmt.Errorf("metric %s: %w", m.Name, err)
		}
		times[m.Name] = time.Since(began).Seconds()
	}
	return childResult{Seconds: time.Since(start).Seconds(), Count: int64(len(times)), Info: times}, nil
}
