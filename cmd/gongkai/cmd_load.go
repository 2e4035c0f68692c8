package main

import (
	"context"
	"fmt"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "[--config FILE] [--run ID,…]")
	cfgPath := configFlag(fs)
	runs := fs.String("run", "", "comma-separated run IDs to (re)load, complete or not (default: every complete run not loaded yet)")
	year := fs.Int("rules-year", 0, "year of the built-in rules to install when the config names no rules file (default: this year)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now}
	y := *year
	if y == 0 {
		y = e.now().In(shanghai).Year()
	}
	loaded, err := s.load(ctx, splitList(*runs), y)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %d run(s) %v\npublished: %s\n", len(loaded), loaded, cfg.DatabasePath())
	return nil
}
