package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/landing"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "[--config FILE] [--run ID[,ID…] | --rebuild] [--rules-year YEAR]")
	cfgPath := configFlag(fs)
	runs := fs.String("run", "", "comma-separated run IDs to (re)load, complete or not (default: every complete run not loaded yet)")
	rebuild := fs.Bool("rebuild", false, "build the database again from every complete landing run instead of adding to the published one (the way back from a damaged database file)")
	year := fs.Int("rules-year", 0, "year of the built-in rules to install when the config names no rules file (default: this year)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	if *rebuild && *runs != "" {
		return usagef("gongkai load --rebuild", "--rebuild loads every complete run; it takes no --run")
	}
	if err := checkRunIDs(cfg.LandingDir(), splitList(*runs)); err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now, rebuild: *rebuild}
	y := *year
	if y == 0 {
		y = e.now().In(shanghai).Year()
	}
	var loaded []string
	err = s.withBars(func() (err error) {
		loaded, err = s.load(ctx, splitList(*runs), y)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, loadedLine(loaded, cfg.DatabasePath()))
	return nil
}

// loadedLine says what a load did in words: which runs, or that there was
// nothing new.
func loadedLine(loaded []string, db string) string {
	switch len(loaded) {
	case 0:
		return "no new run to load (every complete run is in the database already); published " + db
	case 1:
		return "loaded run " + loaded[0] + "; published " + db
	}
	return fmt.Sprintf("loaded %d runs (%s); published %s", len(loaded), strings.Join(loaded, ", "), db)
}

// checkRunIDs refuses run IDs the landing root does not hold, naming the
// newest ones it does, before anything is loaded.
func checkRunIDs(root string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	have, err := landing.ListRuns(root)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if slices.Contains(have, id) {
			continue
		}
		if len(have) == 0 {
			return usagef("gongkai crawl --config FILE", "no run %s: %s holds no run yet", id, root)
		}
		newest := have[max(0, len(have)-3):]
		return usagef("gongkai load --run "+newest[len(newest)-1], "no run %s in %s (newest: %s)", id, root, strings.Join(newest, ", "))
	}
	return nil
}
