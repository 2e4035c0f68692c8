package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/domain"
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
	checks, err := crawl.Check(ctx, cfg, crawl.CheckOptions{Now: e.now, Units: splitList(*units), Logger: e.log})
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "UNIT\tKIND\tID\tNAME\tVERDICT\tSTATUS\tSITE TOTAL\tREAD\tPAGES\tRECOGNISED\tNEWEST\tREASON")
	bad := 0
	for _, c := range checks {
		if !c.OK() {
			bad++
		}
		total := "—"
		if c.SiteTotal > 0 {
			total = fmt.Sprint(c.SiteTotal)
		}
		reason := c.VerdictReason
		if reason == "" {
			reason = c.Error
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s %s\t%d\t%s\t%d\t%d\t%s\t%s\t%s\n",
			c.UnitID, c.Kind, c.ID, c.Name, c.Verdict, domain.VerdictLabel(c.Verdict), c.Status, total, c.Items, c.Pages, c.Recognised, c.Newest, reason)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d checked, %d not verified (partial, failed, blocked, suspect or needs_browser)\n", len(checks), bad)
	if bad > 0 {
		return fmt.Errorf("%d of %d columns, mailboxes or home pages need attention", bad, len(checks))
	}
	return nil
}
