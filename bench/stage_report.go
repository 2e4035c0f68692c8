package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/reports"
)

// reportJob is gongkai's report stage: the leaders' scorecard workbook
// from the published database, as `gongkai report` writes it.
type reportJob struct {
	jobCommon
	DB   string    `json:"db"`
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	Out  string    `json:"out"`
	// MemoryLimit, when set, is DuckDB's memory_limit for the report,
	// and TempDir where DuckDB may spill what does not fit.
	MemoryLimit string `json:"memory_limit,omitempty"`
	TempDir     string `json:"temp_dir,omitempty"`
}

func stageReport(ctx context.Context, data []byte) (childResult, error) {
	var job reportJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	start := time.Now()
	db, err := etl.OpenReadOnly(ctx, job.DB)
	if err != nil {
		return childResult{}, err
	}
	defer db.Close()
	if job.MemoryLimit != "" {
		// A global setting of the database instance: every connection of
		// the pool has it.
		if _, err := db.ExecContext(ctx, `SET memory_limit = '`+job.MemoryLimit+`'`); err != nil {
			return childResult{}, fmt.Errorf("memory limit: %w", err)
		}
		if _, err := db.ExecContext(ctx, `SET temp_directory = '`+strings.ReplaceAll(job.TempDir, `'`, `''`)+`'`); err != nil {
			return childResult{}, fmt.Errorf("temp directory: %w", err)
		}
	}
	err = reports.Scorecard(ctx, reports.Options{DB: db, From: job.From, To: job.To, GeneratedAt: time.Now()}, job.Out)
	if err != nil {
		return childResult{}, fmt.Errorf("scorecard: %w", err)
	}
	return childResult{Seconds: time.Since(start).Seconds()}, nil
}
