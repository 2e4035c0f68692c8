package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/queries"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[--config FILE] [--units IDS]")
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
	// Aligned by display width: names are Chinese.
	t := &queries.Table{Columns: []string{"UNIT", "KIND", "ID", "NAME", "VERDICT", "STATUS", "SITE TOTAL", "READ", "PAGES", "RECOGNISED", "NEWEST", "REASON"},
		Types: []string{"", "", "", "", "", "INTEGER", "", "INTEGER", "INTEGER"}}
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
		recognised := c.Recognised
		if c.Browser != "" {
			recognised = strings.TrimSpace(recognised + " [" + c.Browser + "]")
		}
		t.Rows = append(t.Rows, []any{c.UnitID, c.Kind, c.ID, c.Name, c.Verdict + " " + domain.VerdictLabel(c.Verdict),
			c.Status, total, c.Items, c.Pages, recognised, c.Newest, reason})
	}
	if err := queries.WriteText(e.stdout, t); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d checked, %d not verified (partial, failed, blocked, suspect or needs_browser)\n", len(checks), bad)
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
