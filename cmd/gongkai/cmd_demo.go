package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/sitefarm"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[--dir DIR] [--units N] [--seed N] [--per-unit=false] [--serve]")
	dir := fs.String("dir", "gongkai-demo", "directory for the demo's config, data and workbooks")
	units := fs.Int("units", 8, "number of simulated units")
	seed := fs.Int64("seed", 1, "seed of the simulated farm")
	perUnit := perUnitFlag(fs)
	serve := fs.Bool("serve", false, "keep the simulated farm up after the demo, so check, crawl and run can be tried on its config (Ctrl-C stops it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *units < 1 {
		return usagef("gongkai demo --units 8", "--units must be at least 1")
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("demo dir: %w", err)
	}
	now := e.now().In(shanghai)
	farm := sitefarm.New(sitefarm.Options{Seed: *seed, Units: *units, AsOf: now})
	if err := startDemoFarm(e, farm, abs, *seed, *units); err != nil {
		return err
	}
	defer farm.Close()
	truth := farm.Truth()
	fmt.Fprintf(e.stdout, "simulated farm: %d unit websites on 127.0.0.1 (as of %s)\n", len(truth.Units), truth.AsOf.Format("2006-01-02"))

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
	if err := s.withBars(func() error { return s.batch(ctx, p, false, *perUnit) }); err != nil {
		return err
	}
	self := invokedAs()
	fmt.Fprintf(e.stdout, "\nconfig:   %s\ndatabase: %s\nreports:  %s\n", cfgPath, cfg.DatabasePath(), cfg.ReportsDir())
	fmt.Fprintf(e.stdout, "try:      %s query --config %s scorecard --period %d\n", self, cfgPath, now.Year())
	if !*serve {
		return nil
	}
	fmt.Fprintf(e.stdout, "\nthe simulated farm stays up until Ctrl-C; meanwhile try:\n  %s check --config %s\n  %s run --config %s\n", self, cfgPath, self, cfgPath)
	<-ctx.Done()
	return nil
}

// demoState is what a demo folder remembers of the farm it was made from,
// so the next demo in the same folder serves the same URLs and its crawl
// adds a run to the same units instead of a second copy of every item.
type demoState struct {
	Seed  int64    `json:"seed"`
	Units int      `json:"units"`
	Addrs []string `json:"addrs"`
}

const demoStateFile = ".demo.json"

// startDemoFarm starts the farm on the addresses of the folder's previous
// demo. When there was none, it was made from another farm, or its
// addresses are taken, the farm gets new ones and the folder's data starts
// over: crawling new URLs into the old data would count every item twice.
func startDemoFarm(e *env, farm *sitefarm.Farm, dir string, seed int64, units int) error {
	statePath := filepath.Join(dir, demoStateFile)
	var old demoState
	if b, err := os.ReadFile(statePath); err == nil && json.Unmarshal(b, &old) == nil && old.Seed == seed && old.Units == units && len(old.Addrs) == units {
		farm.Listen(old.Addrs)
		if err := farm.Start(); err == nil {
			return nil
		}
		fmt.Fprintf(e.stdout, "the previous demo's addresses are taken: starting the demo's data over in %s\n", filepath.Join(dir, "data"))
		farm.Listen(nil)
	}
	if err := os.RemoveAll(filepath.Join(dir, "data")); err != nil {
		return fmt.Errorf("demo: clear old data: %w", err)
	}
	if err := farm.Start(); err != nil {
		return fmt.Errorf("start farm: %w", err)
	}
	st := demoState{Seed: seed, Units: units}
	for _, u := range farm.Truth().Units {
		base, err := url.Parse(u.BaseURL)
		if err != nil {
			return fmt.Errorf("demo: farm address %q: %w", u.BaseURL, err)
		}
		st.Addrs = append(st.Addrs, base.Host)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := os.WriteFile(statePath, b, 0o644); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

// invokedAs is how the user started this program, for hints they can
// copy: "go run ./cmd/gongkai" under go run, else the name they typed.
func invokedAs() string {
	if len(os.Args) == 0 || os.Args[0] == "" {
		return "gongkai"
	}
	a := os.Args[0]
	if strings.Contains(a, string(filepath.Separator)+"go-build") {
		return "go run ./cmd/gongkai"
	}
	if strings.HasSuffix(a, ".test") {
		return "gongkai"
	}
	return a
}
