package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/gongkai/gongkai/crawl"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[--config FILE] [--units a,b]")
	cfgPath := configFlag(fs)
	units := fs.String("units", "", "comma-separated unit IDs (default all)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	// The rules are checked first: they fail fast and need no network.
	s := &stages{e: e, cfg: cfg, now: e.now}
	if err := s.checkRules(ctx, e.now().In(shanghai).Year()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rules: ok (%s)\n", rulesName(cfg.RulesPath()))
	checks, err := crawl.Check(ctx, cfg, crawl.CheckOptions{Now: e.now, Units: splitList(*units), Logger: e.log})
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "UNIT\tKIND\tID\tNAME\tOK\tSTATUS\tENCODING\tPROFILE\tITEMS\tNEWEST\tERROR")
	bad := 0
	for _, c := range checks {
		ok := "ok"
		if !c.OK() {
			ok = "FAIL"
			bad++
			if c.Blocked {
				ok = "BLOCKED"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s\n",
			c.UnitID, c.Kind, c.ID, c.Name, ok, c.Status, c.Encoding, c.Profile, c.Items, c.Newest, c.Error)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d checked, %d with problems\n", len(checks), bad)
	if bad > 0 {
		return fmt.Errorf("%d of %d columns, mailboxes or home pages need attention", bad, len(checks))
	}
	return nil
}

func rulesName(path string) string {
	if path == "" {
		return "built-in"
	}
	return path
}
