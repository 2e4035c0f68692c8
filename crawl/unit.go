package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// errRetryWorse: a retry read less than the files it would replace, which
// are kept.
var errRetryWorse = errors.New("the retry verified less than the earlier read; earlier files kept")

// unitCrawler crawls one unit into its landing files.
type unitCrawler struct {
	run  *landing.Run
	cfg  *config.Config
	unit config.Unit
	s    settings
	f    *fetcher
	hist *history
	ref  time.Time // the crawl's clock, reference for year-less dates
	log  *slog.Logger

	wmu sync.Mutex
	w   *landing.UnitWriter

	dmu     sync.Mutex
	details map[string]detailSeen // by canonical URL: a page listed in two columns is fetched once

	start     time.Time // wall time the unit started, for its budget
	sources   []*source // columns and mailboxes read, in config order
	homeLinks []string  // links of the home page, when fetched
	homeRec   landing.Home
	// listOnly reads list pages only and writes nothing (check).
	listOnly bool

	okPages int // attempts that fetched a page
	failed  int // requests that finally failed
	blocked int // columns and mailboxes answering a challenge
}

// crawlUnit crawls one unit. The error is for what prevented the unit's
// files from being written; failed pages are records, not errors.
//
// prev is, for a retry, the score of the unit's files in the run: a retry
// that verifies less keeps them (errRetryWorse) rather than replace them.
func crawlUnit(ctx context.Context, e *engine, rc *robotsCache, run *landing.Run, cfg *config.Config, u config.Unit, s settings, stats *counters, log *slog.Logger, prev *unitScore) (landing.UnitStatus, error) {
	st := landing.UnitStatus{UnitID: u.ID}
	hist, err := loadHistory(run.Root, run.ID, u.ID, log.With("unit", u.ID))
	if err != nil {
		return st, err
	}
	jpath := journalPath(run, u.ID)
	j, err := openJournal(jpath)
	if err != nil {
		return st, err
	}
	w, err := run.UnitWriter(u.ID)
	if err != nil {
		j.close()
		return st, err
	}
	uc := &unitCrawler{run: run, cfg: cfg, unit: u, s: s, hist: hist, ref: s.now(), start: s.clock(), log: log.With("unit", u.ID),
		w: w, details: map[string]detailSeen{}}
	uc.f = &fetcher{e: e, s: s, runID: run.ID, unitID: u.ID, hosts: unitHosts(u),
		snaps: landing.SnapshotStore(run.Root), journal: j, stats: stats, record: uc.addPages}
	if cfg.RobotsFor(u) {
		uc.f.robots = rc
	}
	err = uc.crawl(ctx)
	err = errors.Join(err, j.close())
	if err == nil && prev != nil && uc.score().worse(*prev) {
		err = errRetryWorse
	}
	if err != nil {
		w.Abort()
		if errors.Is(err, errRetryWorse) {
			os.Remove(jpath)
		}
		return st, err
	}
	if err := w.Close(); err != nil {
		return st, err
	}
	// The unit's files are complete; its journal has served its purpose.
	if err := os.Remove(jpath); err != nil && !errors.Is(err, os.ErrNotExist) {
		uc.log.Warn("remove journal", "err", err)
	}
	st.Done = true
	st.Items = w.Count(landing.FileItems)
	st.Letters = w.Count(landing.FileLetters)
	st.Pages = w.Count(landing.FilePages)
	st.Failed = uc.failed
	st.Blocked = uc.blocked
	st.Error = uc.unitError()
	return st, nil
}

func (uc *unitCrawler) crawl(ctx context.Context) error {
	if uc.unit.Home != "" {
		if err := uc.home(ctx); err != nil {
			return fmt.Errorf("home page: %w", err)
		}
	}
	for _, col := range uc.unit.Columns {
		if err := uc.column(ctx, col); err != nil {
			return fmt.Errorf("column %s: %w", col.ID, err)
		}
	}
	for _, mb := range uc.unit.Mailboxes {
		if err := uc.mailbox(ctx, mb); err != nil {
			return fmt.Errorf("mailbox %s: %w", mb.ID, err)
		}
	}
	return uc.judge()
}

// judge gives every source its verdict, now that the unit's other pages
// are known, and writes the column and mailbox records.
func (uc *unitCrawler) judge() error {
	chrome := chromeCounts(uc.sources, uc.homeLinks)
	for i, src := range uc.sources {
		src.ev.Chrome = chrome[i]
		src.rec.Distinct = src.ev.Distinct
		src.rec.SiteTotal = src.ev.SiteTotal
		src.rec.LastPageSeen = src.ev.lastPageSeen()
		src.rec.Rendered = src.ev.Rendered
		src.rec.Verdict, src.rec.VerdictReason = verdict(src.ev)
		if err := uc.write(func(w *landing.UnitWriter) error { return w.AddColumn(src.rec) }); err != nil {
			return err
		}
	}
	return nil
}

// chromeCounts counts, per source, its items that are links on at least
// two of the unit's other pages (other columns' first pages, the home
// page): what repeats across a site's pages is its chrome — navigation,
// sidebars, 热点 boxes — not a column's list. An item listed in two
// columns, or shown once on the home page, is not chrome by this count.
func chromeCounts(sources []*source, home []string) []int {
	pages := [][]string{home}
	for _, s := range sources {
		pages = append(pages, s.links)
	}
	on := map[string][]int{} // link → pages (indexes) showing it
	for i, links := range pages {
		for _, l := range links {
			on[canonical(l)] = append(on[canonical(l)], i)
		}
	}
	out := make([]int, len(sources))
	for k, s := range sources {
		self := k + 1
		for _, it := range s.items {
			others := 0
			for _, p := range on[it] {
				if p != self {
					others++
				}
			}
			if others >= 2 {
				out[k]++
			}
		}
	}
	return out
}

// unitError says why the unit as a whole failed, or "".
func (uc *unitCrawler) unitError() string {
	var verdicts []string
	for _, src := range uc.sources {
		verdicts = append(verdicts, src.rec.Verdict)
	}
	return unitFailure(uc.okPages, len(uc.sources) > 0 || uc.unit.Home != "", verdicts)
}

// unitFailure says why a unit as a whole failed: no page of it could be
// fetched, or every source it has failed or was blocked (a site down or
// walled off). A unit with one source read is not failed.
func unitFailure(okPages int, fetchedAny bool, verdicts []string) string {
	if okPages == 0 && fetchedAny {
		return "no page of the unit could be fetched"
	}
	bad := 0
	for _, v := range verdicts {
		if v == domain.VerdictFailed || v == domain.VerdictBlocked {
			bad++
		}
	}
	if len(verdicts) > 0 && bad == len(verdicts) {
		return fmt.Sprintf("every column and mailbox (%d) failed or was blocked", len(verdicts))
	}
	return ""
}

// addPages writes one request's attempts together.
func (uc *unitCrawler) addPages(pages []landing.Page) error {
	uc.wmu.Lock()
	defer uc.wmu.Unlock()
	for _, p := range pages {
		if p.Outcome == landing.OutcomeOK {
			uc.okPages++
		}
		if err := uc.w.AddPage(p); err != nil {
			return err
		}
	}
	return nil
}

func (uc *unitCrawler) write(fn func(w *landing.UnitWriter) error) error {
	uc.wmu.Lock()
	defer uc.wmu.Unlock()
	if uc.w == nil {
		return nil // a check writes nothing
	}
	return fn(uc.w)
}

// fetch fetches one page for the unit and counts its final failure.
func (uc *unitCrawler) fetch(ctx context.Context, kind, columnID string, req extract.Request) (fetched, error) {
	res, err := uc.f.fetch(ctx, kind, columnID, req)
	if err == nil && res.Outcome == landing.OutcomeFailed {
		uc.wmu.Lock()
		uc.failed++
		uc.wmu.Unlock()
		uc.f.stats.requestFailed()
	}
	return res, err
}

// home records the home page's newest dated link. A page that could not be
// fetched is a failed observation, never a site that was not updated.
func (uc *unitCrawler) home(ctx context.Context) error {
	res, err := uc.fetch(ctx, landing.PageHome, "", extract.Request{Method: "GET", URL: uc.unit.Home})
	if err != nil {
		return err
	}
	h := landing.Home{RunID: uc.run.ID, UnitID: uc.unit.ID, URL: uc.unit.Home, OK: res.ok(), Status: res.Status,
		Error: res.Err, SHA256: res.SHA256, FetchedAt: time.Now().UTC()}
	if res.Outcome == landing.OutcomeBlocked {
		h.Error = "blocked: " + res.Err
	}
	dated := false
	if res.ok() {
		uc.homeLinks = extract.PageLinks(res.URL, res.Text)
		if li, found := extract.NewestDatedLink(res.URL, res.Text, uc.ref); found {
			dated = true
			h.Newest = landingDate(li.Date)
			h.NewestURL = li.URL
			h.NewestTitle = li.Title
		} else {
			h.Error = "no dated link on the page"
		}
	}
	h.Verdict = homeVerdict(res.Outcome, dated)
	uc.homeRec = h
	return uc.write(func(w *landing.UnitWriter) error { return w.AddHome(h) })
}

// parallel runs fn(i) for i in [0,n) with at most the host parallelism at
// once (the per-host limit rule is what really bounds requests).
func (uc *unitCrawler) parallel(ctx context.Context, n int, fn func(i int) error) error {
	sem := make(chan struct{}, uc.s.parallelism)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = fn(i)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
