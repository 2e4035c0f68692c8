package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// endToEndStage builds the gongkai command and runs the monthly batch on
// the farm from scratch: crawl, load, publish, report.
func (b *bench) endToEndStage(ctx context.Context) error {
	dir, err := b.stageDir("e2e")
	if err != nil {
		return err
	}
	b.log("e2e: go build ./cmd/gongkai …")
	bin, err := b.buildGongkai(ctx, dir)
	if err != nil {
		return err
	}
	cfg := filepath.Join(dir, "gongkai.yaml")
	data := filepath.Join(dir, "gongkai-data")
	if err := os.RemoveAll(data); err != nil {
		return err
	}
	if err := writeConfig(cfg, b.truth, data, b.cs); err != nil {
		return err
	}
	b.farm.ResetRequests()
	b.log("e2e: gongkai run --period %s …", b.period)
	m, err := b.runChild(ctx, filepath.Join(dir, "run.log"), nil, bin, "run", "--config", cfg, "--period", b.period)
	if err != nil {
		return err
	}
	served := len(b.farm.Requests())
	books, _ := filepath.Glob(filepath.Join(data, "reports", "*", "*.xlsx"))
	more, _ := filepath.Glob(filepath.Join(data, "reports", "*.xlsx"))
	books = append(books, more...)
	b.check(len(books) > 0, "gongkai run crawled from scratch (the farm answered %s requests) and wrote %d workbooks",
		thousands(float64(served)), len(books))
	b.add(row{Stage: "end to end", Tool: "gongkai run --period " + b.period + " (crawl, load, publish, report)",
		Amount: float64(served), Unit: "pages", Seconds: m.Wall.Seconds()}, m)
	b.setGoal("e2e-time", fmt.Sprintf("%.1f s", m.Wall.Seconds()), m.Wall.Seconds() < 20)
	b.setGoal("e2e-rss", mib(m.PeakKiB), m.PeakKiB < 256<<10)
	return nil
}
