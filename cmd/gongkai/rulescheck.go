package main

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/rules"
)

// checkRules reads the rules a batch of the given year will score with and
// proves them before any page is fetched: the file parses and validates,
// every unit it names is configured, and it installs into a scratch
// database with the real schema. A broken rules file found after a
// month's crawl costs the month.
func (s *stages) checkRules(ctx context.Context, year int) error {
	r, err := s.rulesFor(year)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	configured := map[string]bool{}
	for _, u := range s.cfg.Units {
		configured[u.ID] = true
	}
	var unknown []string
	for id := range r.Targets.ByUnit {
		if !configured[id] {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	var errs []error
	for _, id := range unknown {
		errs = append(errs, fmt.Errorf("rules %s: targets.by_unit.%s: no unit %q in %s", r.Source, id, id, s.cfg.File))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	scratch, err := etl.Open(ctx, "")
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	defer scratch.Close()
	if err := rules.Install(ctx, scratch.DB(), r); err != nil {
		return fmt.Errorf("rules %s: %w", r.Source, err)
	}
	return nil
}
