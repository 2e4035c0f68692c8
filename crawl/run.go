package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/landing"
)

// Version is recorded in every manifest.
const Version = "gongkai-crawl/1"

// Run crawls the configured units into one landing run. A unit that fails
// never stops the others; its error is in the manifest and in
// Result.Failed. The error is for what stops the whole run: an unusable
// landing root, a cancelled context.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Config == nil {
		return nil, errors.New("crawl: no config")
	}
	if opts.Landing == "" {
		return nil, errors.New("crawl: no landing root")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := newSettings(opts.Config, opts.Transport, opts.Now, opts.RetryBase, opts.RetryMax)
	if opts.sleep != nil {
		s.sleep = opts.sleep
	}
	if opts.clock != nil {
		s.clock = opts.clock
	}
	units, err := selectUnits(opts.Config, opts.Units)
	if err != nil {
		return nil, err
	}
	var (
		run  *landing.Run
		man  landing.Manifest
		prev map[string]*unitScore // retry: units to crawl again, with their score
	)
	if opts.RetryFailed {
		run, man, err = openFinished(opts.Landing, opts.RunID)
		if err == nil {
			prev, err = toRetry(run, man, units)
		}
	} else {
		run, man, err = openRun(opts, s, units)
	}
	if err != nil {
		return nil, err
	}
	log = log.With("run", run.ID)

	stats := &counters{}
	prog := newProgress(opts.Progress, log, len(units), stats)
	defer prog.stop()

	mc := &manifestKeeper{run: run, m: man}
	e := newEngine(ctx, s)
	rc := newRobotsCache()
	var todo []config.Unit
	for _, u := range units {
		if opts.RetryFailed && prev[u.ID] == nil {
			stats.unit(statusOf(man, u.ID))
			continue
		}
		if opts.Resume && run.UnitDone(u.ID) {
			if !mc.done(u.ID) {
				// Killed between the unit's last rename and the manifest.
				st, err := statusFromFiles(run, u.ID)
				if err != nil {
					return nil, err
				}
				if err := mc.set(st); err != nil {
					return nil, err
				}
			}
			stats.unit(statusOf(mc.m, u.ID))
			continue
		}
		todo = append(todo, u)
	}
	log.Info("crawl started", "units", len(units), "to_do", len(todo), "resume", opts.Resume)

	var (
		wg     sync.WaitGroup
		fmu    sync.Mutex
		failed []UnitFailure
	)
	sem := make(chan struct{}, s.units)
	for _, u := range todo {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			start := time.Now()
			st, err := crawlUnit(ctx, e, rc, run, opts.Config, u, s, stats, log, prev[u.ID])
			if ctx.Err() != nil {
				return // the unit stays unfinished, to be resumed
			}
			switch {
			case opts.RetryFailed && err != nil && run.UnitDone(u.ID):
				// The earlier files stay, and so does their status.
				log.Warn("retry kept the earlier read", "unit", u.ID, "err", err)
				st = statusOf(man, u.ID)
			case err != nil:
				st = landing.UnitStatus{UnitID: u.ID, Error: err.Error()}
			}
			if st.Error != "" {
				fmu.Lock()
				failed = append(failed, UnitFailure{UnitID: u.ID, Err: errors.New(st.Error)})
				fmu.Unlock()
			}
			stats.unitsDone.Add(1)
			prog.unit(st, time.Since(start))
			if err := mc.set(st); err != nil {
				log.Error("update manifest", "err", err)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(failed, func(a, b UnitFailure) int { return compareStrings(a.UnitID, b.UnitID) })
	now := s.now()
	finish := mc.finish
	if opts.RetryFailed {
		finish = mc.finishRetry
	}
	m, err := finish(now)
	if err != nil {
		return nil, err
	}
	// Finished units removed their journals; the directory goes too unless
	// a failed unit left one (Remove refuses a directory that is not empty).
	os.Remove(filepath.Join(run.Dir, "journal"))
	log.Info("crawl finished", "units", len(units), "units_failed", len(failed), "pages", stats.pages.Load(), "errors", stats.failed.Load())
	return &Result{Run: run, Manifest: m, Failed: failed}, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// selectUnits returns the configured units, or only those named.
func selectUnits(cfg *config.Config, ids []string) ([]config.Unit, error) {
	var want map[string]bool
	for _, id := range ids {
		if id == "" {
			continue
		}
		if want == nil {
			want = map[string]bool{}
		}
		want[id] = true
	}
	var out []config.Unit
	for _, u := range cfg.Units {
		if want == nil || want[u.ID] {
			out = append(out, u)
			delete(want, u.ID)
		}
	}
	for id := range want {
		return nil, fmt.Errorf("crawl: unit %q is not configured", id)
	}
	return out, nil
}

// openRun creates a new run, or opens the one to resume.
func openRun(opts Options, s settings, units []config.Unit) (*landing.Run, landing.Manifest, error) {
	if opts.Resume {
		id := opts.RunID
		if id == "" {
			var err error
			if id, err = newestIncomplete(opts.Landing); err != nil {
				return nil, landing.Manifest{}, err
			}
		}
		run, err := landing.OpenRun(opts.Landing, id)
		if err != nil {
			return nil, landing.Manifest{}, fmt.Errorf("resume: %w", err)
		}
		m, err := run.ReadManifest()
		if err != nil {
			return nil, m, fmt.Errorf("resume: %w", err)
		}
		if m.Complete {
			return nil, m, fmt.Errorf("resume: run %s is complete", id)
		}
		return run, m, nil
	}
	start := s.now()
	id := opts.RunID
	if id == "" {
		id = landing.NewRunID(start)
	}
	if _, err := landing.OpenRun(opts.Landing, id); err == nil {
		return nil, landing.Manifest{}, fmt.Errorf("crawl: run %s already exists (use resume)", id)
	}
	run, err := landing.CreateRun(opts.Landing, id)
	if err != nil {
		return nil, landing.Manifest{}, err
	}
	snap := make([]landing.Unit, 0, len(units))
	for _, u := range units {
		snap = append(snap, unitSnapshot(u))
	}
	if err := run.WriteUnits(snap); err != nil {
		return nil, landing.Manifest{}, err
	}
	m := landing.Manifest{RunID: id, Period: opts.Period, StartedAt: start.UTC(), Cutoff: cutoff(start),
		Version: Version, ConfigSHA256: configHash(opts.Config)}
	for _, u := range units {
		m.Units = append(m.Units, landing.UnitStatus{UnitID: u.ID})
	}
	if err := run.WriteManifest(m); err != nil {
		return nil, m, err
	}
	return run, m, nil
}

func newestIncomplete(root string) (string, error) {
	ids, err := landing.ListRuns(root)
	if err != nil {
		return "", err
	}
	for i := len(ids) - 1; i >= 0; i-- {
		run, err := landing.OpenRun(root, ids[i])
		if err != nil {
			continue
		}
		m, err := run.ReadManifest()
		if err == nil && !m.Complete {
			return ids[i], nil
		}
	}
	return "", errors.New("no incomplete run to resume")
}

func cutoff(t time.Time) string { return t.In(shanghai).Format("2006-01-02") }

// configHash identifies the configuration a run was made with.
func configHash(cfg *config.Config) string {
	crawl := cfg.Crawl
	b, err := json.Marshal(struct {
		Crawl          config.Crawl
		Delay, Timeout string // Duration has no exported fields
		UnitBudget     string
		Profiles       map[string]config.Profile
		Units          []config.Unit
	}{crawl, crawl.Delay.D().String(), crawl.Timeout.D().String(), crawl.UnitBudget.D().String(), cfg.Profiles, cfg.Units})
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// manifestKeeper updates the run's manifest as units finish.
type manifestKeeper struct {
	mu  sync.Mutex
	run *landing.Run
	m   landing.Manifest
}

func (k *manifestKeeper) done(unitID string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, u := range k.m.Units {
		if u.UnitID == unitID {
			return u.Done
		}
	}
	return false
}

func (k *manifestKeeper) set(st landing.UnitStatus) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	i := slices.IndexFunc(k.m.Units, func(u landing.UnitStatus) bool { return u.UnitID == st.UnitID })
	if i < 0 {
		k.m.Units = append(k.m.Units, st)
	} else {
		k.m.Units[i] = st
	}
	return k.run.WriteManifest(k.m)
}

func (k *manifestKeeper) finish(now time.Time) (landing.Manifest, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m.Complete = true
	k.m.FinishedAt = now.UTC()
	k.m.Cutoff = cutoff(now)
	if err := k.run.WriteManifest(k.m); err != nil {
		return k.m, err
	}
	return k.m, nil
}

// finishRetry records a retry's end: the run keeps its cutoff, the day
// its data was first collected.
func (k *manifestKeeper) finishRetry(now time.Time) (landing.Manifest, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m.FinishedAt = now.UTC()
	if err := k.run.WriteManifest(k.m); err != nil {
		return k.m, err
	}
	return k.m, nil
}

// toRetry picks the units of a finished run that need crawling again.
func toRetry(run *landing.Run, m landing.Manifest, units []config.Unit) (map[string]*unitScore, error) {
	out := map[string]*unitScore{}
	for _, u := range units {
		again, sc, err := needsRetry(run, statusOf(m, u.ID))
		if err != nil {
			return nil, err
		}
		if again {
			out[u.ID] = &sc
		}
	}
	return out, nil
}

// statusFromFiles rebuilds a finished unit's manifest entry from its files.
func statusFromFiles(run *landing.Run, unitID string) (landing.UnitStatus, error) {
	st := landing.UnitStatus{UnitID: unitID, Done: true}
	count := func(file string, n *int) error {
		return landing.ReadFile(run.UnitPath(unitID, file), func(json.RawMessage) error { *n++; return nil })
	}
	if err := count(landing.FileItems, &st.Items); err != nil {
		return st, err
	}
	if err := count(landing.FileLetters, &st.Letters); err != nil {
		return st, err
	}
	// A request's attempts are written together: a failed attempt followed
	// by a first attempt (or nothing) was the request's last.
	var prev *landing.Page
	ok := 0
	err := landing.ReadFile(run.UnitPath(unitID, landing.FilePages), func(p landing.Page) error {
		st.Pages++
		if p.Outcome == landing.OutcomeOK {
			ok++
		}
		if prev != nil && p.Attempt == 1 && prev.Outcome == landing.OutcomeFailed {
			st.Failed++
		}
		prev = &p
		return nil
	})
	if err != nil {
		return st, err
	}
	if prev != nil && prev.Outcome == landing.OutcomeFailed {
		st.Failed++
	}
	var verdicts []string
	err = landing.ReadFile(run.UnitPath(unitID, landing.FileColumns), func(c landing.Column) error {
		if c.Outcome == landing.OutcomeBlocked {
			st.Blocked++
		}
		verdicts = append(verdicts, c.Verdict)
		return nil
	})
	st.Error = unitFailure(ok, st.Pages > 0, verdicts)
	return st, err
}
