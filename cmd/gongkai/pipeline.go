package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/landing"
	"github.com/gongkai/gongkai/queries"
	"github.com/gongkai/gongkai/reports"
	"github.com/gongkai/gongkai/rules"

	"github.com/gongkai/gongkai/internal/checkpoint"
)

// stages wires the libraries for one config. Each method is one stage of the
// batch; the commands compose them.
type stages struct {
	e   *env
	cfg *config.Config
	now func() time.Time
	// retryFailed re-crawls, into the finished run, only the units with a
	// source that was not read in full (crawl.Options.RetryFailed).
	retryFailed bool
	fleet       fleetOpts // where the crawl is spread; zero for this process
	// rebuild makes load build the database from the landing files alone
	// instead of adding to a copy of the published one.
	rebuild bool
	// bars draws the stages on a terminal; nil draws nothing.
	bars *bars
}

func (s *stages) crawl(ctx context.Context, periodLabel string, resume bool, runID string, units []string) (*crawl.Result, error) {
	total := len(units)
	if total == 0 {
		total = len(s.cfg.Units)
	}
	bar := s.bars.add("crawl", "units", total)
	defer bar.finish()
	var notify func(crawl.Tally)
	if bar != nil {
		notify = bar.crawlTally
	}
	res, err := crawl.Run(ctx, crawl.Options{
		Config:      s.cfg,
		Landing:     s.cfg.LandingDir(),
		RunID:       runID,
		Resume:      resume,
		RetryFailed: s.retryFailed,
		Period:      periodLabel,
		Now:         s.now,
		Units:       units,
		Logger:      s.e.log.With("stage", "crawl"),
		Progress:    notify,
	})
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	return res, nil
}

// rulesFor returns the configured rules file, or the built-in rules of a year.
func (s *stages) rulesFor(year int) (*rules.Rules, error) {
	if p := s.cfg.RulesPath(); p != "" {
		return rules.Load(p)
	}
	return rules.Default(year)
}

// load loads every complete landing run not yet in the database (and the
// runs named in only, complete or not), then publishes the new database
// atomically. It returns the IDs of the runs loaded.
func (s *stages) load(ctx context.Context, only []string, rulesYear int) ([]string, error) {
	root := s.cfg.LandingDir()
	r, err := s.rulesFor(rulesYear)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	dbPath := s.cfg.DatabasePath()
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	share := s.cfg.MaxFailedShare()
	log := s.e.log.With("stage", "load")
	var loaded []string
	var pub *stageBar
	publish := etl.Publish
	if s.rebuild {
		publish = etl.Rebuild
	}
	err = publish(ctx, dbPath, func(st *etl.Store) error {
		if err := s.installConfig(ctx, st, r); err != nil {
			return err
		}
		ids, incomplete, err := st.PendingRuns(ctx, root, only, log)
		if err != nil {
			return err
		}
		for _, id := range incomplete {
			log.Warn("skipping incomplete run; finish it with --resume or load it with --run", "run", id)
		}
		bar := s.bars.add("load", "runs", len(ids))
		defer bar.finish()
		for _, id := range ids {
			run, err := landing.OpenRun(root, id)
			if err != nil {
				return err
			}
			stats, quarantined, err := st.LoadRunChecked(ctx, run, etl.LoadOptions{Logger: log, Now: s.now, MaxFailedShare: &share})
			for _, q := range quarantined {
				fmt.Fprintf(s.e.stdout, "quarantined unreadable landing file %s (now %s): %s\n", q.Path, q.To, q.Reason)
			}
			if err != nil {
				return err
			}
			checkpoint.Reached("load.run")
			log.Info("loaded run", "run", id, "units", stats.Units, "items", stats.Items, "letters", stats.Letters, "pages", stats.Pages, "took", stats.Duration.Round(time.Millisecond))
			loaded = append(loaded, id)
			bar.done()
		}
		if err := queries.Install(ctx, st.DB()); err != nil {
			return fmt.Errorf("install metrics: %w", err)
		}
		bar.finish()
		// What follows the load is the publish: the new file is checked
		// and put in place.
		pub = s.bars.add("publish", "files", 1)
		return nil
	})
	pub.done()
	pub.finish()
	if errors.Is(err, etl.ErrDamaged) {
		return nil, fmt.Errorf("load: %w\nTry: gongkai load --rebuild --config %s (builds the database again from the landing files; the damaged file is replaced only once the new one is checked)", err, s.cfg.File)
	}
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return loaded, nil
}

// installConfig writes into a store being published what the config says
// beside the runs: its calendar overrides and its rules.
func (s *stages) installConfig(ctx context.Context, st *etl.Store, r *rules.Rules) error {
	if err := st.LoadCalendar(ctx, s.cfg.Calendar.Overrides); err != nil {
		return err
	}
	if err := rules.Install(ctx, st.DB(), r); err != nil {
		return fmt.Errorf("install rules: %w", err)
	}
	return nil
}

// openPublished opens the published database read-only.
func (s *stages) openPublished(ctx context.Context) (*sql.DB, error) {
	p := s.cfg.DatabasePath()
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s yet: run 'gongkai load' (or 'gongkai run') first", p)
	}
	db, err := etl.OpenReadOnly(ctx, p)
	if err != nil {
		return nil, err
	}
	why, err := staleStore(ctx, db)
	if err != nil || why == "" {
		if err != nil {
			db.Close()
		}
		return db, err
	}
	// A file published by another build lacks this build's tables or
	// macros, and reports would fail halfway with a catalog error. Publishing
	// it again is what 'gongkai load' does when no run is new (migrations,
	// calendar, this year's rules, macros), and it leaves the file unchanged
	// if anything fails.
	db.Close()
	r, err := s.rulesFor(s.e.now().In(shanghai).Year())
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	s.e.log.Warn("publishing the database again with this build's schema and macros", "database", p, "why", why)
	err = etl.Publish(ctx, p, func(st *etl.Store) error {
		if err := s.installConfig(ctx, st, r); err != nil {
			return err
		}
		if err := queries.Install(ctx, st.DB()); err != nil {
			return fmt.Errorf("install metrics: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("the database at %s was published by another build of gongkai (%s) and could not be published again: %w\nTry: gongkai load --config %s", p, why, err, s.cfg.File)
	}
	return etl.OpenReadOnly(ctx, p)
}

// staleStore says why a published store does not match this build ("" when
// it does): migrations it lacks, or macros another build installed.
func staleStore(ctx context.Context, db *sql.DB) (string, error) {
	pending, err := etl.PendingMigrations(ctx, db)
	if err != nil {
		return "", err
	}
	if len(pending) > 0 {
		return fmt.Sprintf("%d schema migration(s) not applied, first %s", len(pending), pending[0]), nil
	}
	fp, err := queries.Installed(ctx, db)
	if err != nil {
		return "", err
	}
	switch want := queries.Fingerprint(); {
	case fp == "":
		return "its macros carry no build fingerprint", nil
	case fp != want:
		return fmt.Sprintf("its macros are set %s, this build's %s", fp, want), nil
	}
	return "", nil
}

// report writes the scorecard (and with perUnit the 问题清单 workbooks) for
// a period and returns the paths written, also when some units' workbooks
// failed (then with an error listing them).
func (s *stages) report(ctx context.Context, p period, cutoff *time.Time, perUnit bool, units []string) ([]string, error) {
	db, err := s.openPublished(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	dir := s.cfg.ReportsDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	books := 1
	if perUnit {
		books += len(s.cfg.Units)
		if len(units) > 0 {
			books = 1 + len(units)
		}
	}
	bar := s.bars.add("report", "workbooks", books)
	defer bar.finish()
	opts := reports.Options{DB: db, From: p.from, To: p.to, Cutoff: cutoff, GeneratedAt: s.now(), Units: units,
		Snapshots: landing.SnapshotStore(s.cfg.LandingDir()), Progress: bar.done,
		Issuer: s.cfg.Report.Issuer, VetoedInPlace: !s.cfg.VetoedLast()}
	path := filepath.Join(dir, reports.FileName("政务公开考核_"+p.label)+".xlsx")
	if err := reports.Scorecard(ctx, opts, path); err != nil {
		return nil, fmt.Errorf("scorecard: %w", err)
	}
	checkpoint.Reached("report.scorecard")
	bar.done()
	paths := []string{path}
	if perUnit {
		unitDir := filepath.Join(dir, "问题清单_"+reports.FileName(p.label))
		if err := os.MkdirAll(unitDir, 0o755); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		more, err := reports.PerUnit(ctx, opts, unitDir)
		paths = append(paths, more...)
		if err != nil {
			// The workbooks written are kept and listed; the error names
			// every unit whose workbook failed.
			return paths, fmt.Errorf("per-unit workbooks: %w", err)
		}
	}
	return paths, nil
}
