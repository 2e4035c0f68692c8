package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl"
)

// crawlJob is gongkai's crawl stage: crawl.Run over a config, as
// `gongkai crawl` calls it.
type crawlJob struct {
	jobCommon
	Config string    `json:"config"`
	Period string    `json:"period"`
	Now    time.Time `json:"now"` // the crawl's clock, pinned to the farm's day
}

func stageCrawl(ctx context.Context, data []byte) (childResult, error) {
	var job crawlJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	cfg, err := config.Load(job.Config)
	if err != nil {
		return childResult{}, err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	now := job.Now
	start := time.Now()
	res, err := crawl.Run(ctx, crawl.Options{
		Config:  cfg,
		Landing: cfg.LandingDir(),
		Period:  job.Period,
		Now:     func() time.Time { return now.Add(time.Since(start)) },
		Logger:  log,
	})
	if err != nil {
		return childResult{}, fmt.Errorf("crawl: %w", err)
	}
	secs := time.Since(start).Seconds()
	var pages, failed, blocked int
	for _, u := range res.Manifest.Units {
		pages += u.Pages
		failed += u.Failed
		blocked += u.Blocked
	}
	return childResult{Seconds: secs, Count: int64(pages), Info: map[string]any{
		"run_dir": res.Run.Dir, "run_id": res.Run.ID, "landing": cfg.LandingDir(),
		"failed_units": len(res.Failed), "failed_pages": failed, "blocked_pages": blocked,
	}}, nil
}
