package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/sitefarm"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[--dir DIR] [--units N] [--seed N]")
	dir := fs.String("dir", "gongkai-demo", "directory for the demo's config, data and workbooks")
	units := fs.Int("units", 8, "number of simulated units")
	seed := fs.Int64("seed", 1, "seed of the simulated farm")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *units < 1 {
		return usagef("gongkai demo --units 8", "--units must be at least 1")
	}
	now := e.now().In(shanghai)
	farm := sitefarm.New(sitefarm.Options{Seed: *seed, Units: *units, AsOf: now})
	if err := farm.Start(); err != nil {
		return fmt.Errorf("start farm: %w", err)
	}
	defer farm.Close()
	truth := farm.Truth()
	fmt.Fprintf(e.stdout, "simulated farm: %d unit websites on 127.0.0.1 (as of %s)\n", len(truth.Units), truth.AsOf.Format("2006-01-02"))

	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("demo dir: %w", err)
	}
	// Ports change from one demo to the next, so the config is written anew
	// each time.
	var buf bytes.Buffer
	if err := writeFarmConfig(&buf, truth, "data"); err != nil {
		return err
	}
	cfgPath := filepath.Join(abs, "gongkai.yaml")
	if err := os.WriteFile(cfgPath, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write demo config: %w", err)
	}
	cfg, err := config.Parse(cfgPath, buf.Bytes())
	if err != nil {
		return fmt.Errorf("demo config: %w", err)
	}
	// The demo reports the year so far: everything the farm published.
	p := period{
		from:  time.Date(now.Year(), 1, 1, 0, 0, 0, 0, shanghai),
		to:    time.Date(now.Year(), 12, 31, 0, 0, 0, 0, shanghai),
		label: fmt.Sprintf("%d", now.Year()),
	}
	s := &stages{e: e, cfg: cfg, now: e.now}
	if err := s.batch(ctx, p, false, true); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nconfig:   %s\ndatabase: %s\nreports:  %s\n", cfgPath, cfg.DatabasePath(), cfg.ReportsDir())
	fmt.Fprintf(e.stdout, "try:      go run ./cmd/gongkai query --config %s scorecard --period %d\n", cfgPath, now.Year())
	return nil
}
