package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/landing"
)

// resumePoint says where `run --resume` picks up: a crawl run still to
// finish, or (when every crawl run is complete) nothing to crawl, with the
// load, publish and report of the newest run still to do.
type resumePoint struct {
	crawl  bool   // an incomplete crawl run exists
	runID  string // that run, or the newest run
	period string // the period recorded in that run's manifest, if any
}

// findResume looks at the landing root. A run whose manifest cannot be
// read is passed over here; the load quarantines it.
func findResume(root string) (resumePoint, error) {
	ids, err := landing.ListRuns(root)
	if err != nil {
		return resumePoint{}, err
	}
	var rp resumePoint
	for i := len(ids) - 1; i >= 0; i-- {
		run, err := landing.OpenRun(root, ids[i])
		if err != nil {
			continue
		}
		m, err := run.ReadManifest()
		if err != nil {
			continue
		}
		if !m.Complete {
			return resumePoint{crawl: true, runID: ids[i], period: m.Period}, nil
		}
		if rp.runID == "" {
			rp = resumePoint{runID: ids[i], period: m.Period}
		}
	}
	return rp, nil
}

// removeTemps deletes what a killed batch leaves behind: temporary files
// of the landing root (manifests and page snapshots being written) and
// workbooks being written in the reports directory. It runs under the
// batch lock, so no other batch is writing them.
func removeTemps(landingRoot, reportsDir string) error {
	if err := landing.RemoveTemps(landingRoot); err != nil {
		return err
	}
	err := filepath.WalkDir(reportsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// book.save writes .gongkai-*.xlsx, then .gongkai-*.xlsx.links.
		if !d.IsDir() && strings.HasPrefix(d.Name(), ".gongkai-") && strings.Contains(d.Name(), ".xlsx") {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// resume goes on with a batch a crash or a kill stopped, at whatever stage
// it stopped: an unfinished crawl run is finished first; the load, publish
// and report that follow it are idempotent, so they are simply done
// (again). Without --period the period is the one the run was made for.
func (s *stages) resume(ctx context.Context, periodFlag string, perUnit bool) error {
	if err := removeTemps(s.cfg.LandingDir(), s.cfg.ReportsDir()); err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	rp, err := findResume(s.cfg.LandingDir())
	if err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	if periodFlag == "" {
		periodFlag = rp.period
	}
	p, err := parsePeriod(periodFlag, "", "", s.now())
	if err != nil {
		return err
	}
	if err := s.checkRules(ctx, p.from.Year()); err != nil {
		return err
	}
	if rp.crawl {
		return s.batch(ctx, p, true, perUnit)
	}
	if rp.runID == "" {
		fmt.Fprintln(s.e.stdout, "resume: no crawl run yet; starting a new batch")
		return s.batch(ctx, p, false, perUnit)
	}
	fmt.Fprintf(s.e.stdout, "resume: crawl run %s is complete; going on with load, publish and report\n", rp.runID)
	return s.afterCrawl(ctx, time.Now(), p, perUnit, nil, nil)
}
