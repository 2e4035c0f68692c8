package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gongkai/gongkai/landing"
	"github.com/gongkai/gongkai/reports"
)

// runEvidence writes the evidence page of one stored page: what the site
// said when it was fetched, as a self-contained HTML file a unit can open.
func runEvidence(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "evidence", "[--config FILE] (URL | SHA256) [--dir DIR | -o|--output FILE]")
	cfgPath := configFlag(fs)
	dir := fs.String("dir", "", "write <sha256>.html into this folder and print its path")
	out := fs.StringP("output", "o", "", "write the page to this file (default: standard output)")
	var target string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		target, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if target == "" {
		return usagef("gongkai evidence --config FILE https://…/t20261011_1.html", "name a page address or a snapshot SHA-256")
	}
	if *dir != "" && *out != "" {
		return usagef("gongkai evidence URL --dir DIR", "--dir and --output do not go together")
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	st := &stages{e: e, cfg: cfg}
	db, err := st.openPublished(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	snaps := landing.SnapshotStore(cfg.LandingDir())
	if *dir != "" {
		path, err := reports.WriteEvidence(ctx, db, snaps, *dir, target)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, path)
		return nil
	}
	m, err := reports.LookupEvidence(ctx, db, target)
	if err != nil {
		return err
	}
	page, err := reports.EvidencePage(snaps, m)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = e.stdout.Write(page)
		return err
	}
	if err := os.WriteFile(*out, page, 0o644); err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	return nil
}
