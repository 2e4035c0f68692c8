package crawl

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// CheckOptions tune Check; the zero value is fine.
type CheckOptions struct {
	Now       func() time.Time
	Units     []string // only these unit IDs; empty means all
	Transport http.RoundTripper
	Logger    *slog.Logger
}

// ColumnCheck is what a read of one column's or mailbox's list pages, or
// of a home page, showed: its verdict and the evidence behind it, enough to
// see that a configuration works before a real run.
type ColumnCheck struct {
	UnitID     string `json:"unit_id"`
	UnitName   string `json:"unit_name"`
	ID         string `json:"id"`   // column or mailbox ID; "home" for the home page
	Kind       string `json:"kind"` // "column", "mailbox" or "home"
	Name       string `json:"name"`
	URL        string `json:"url"` // the URL requested
	Profile    string `json:"profile"`
	Reachable  bool   `json:"reachable"` // an HTTP answer came back
	Status     int    `json:"status"`    // of the first page
	Encoding   string `json:"encoding,omitempty"`
	Items      int    `json:"items"` // distinct items or letters listed
	Pages      int    `json:"pages"` // list pages read
	TotalPages int    `json:"total_pages,omitempty"`
	SiteTotal  int    `json:"site_total,omitempty"` // what the site says it holds
	Newest     string `json:"newest,omitempty"`     // newest date listed, 2006-01-02
	Recognised string `json:"recognised,omitempty"`
	Blocked    bool   `json:"blocked"`
	Error      string `json:"error,omitempty"`
	// Verdict is the crawl's verdict on this read (domain.Verdict*), with
	// its reason.
	Verdict       string `json:"verdict"`
	VerdictReason string `json:"verdict_reason,omitempty"`
	// Browser: "render" when the list is written by scripts and was read in
	// the headless browser; "needs_browser" when none is installed.
	Browser string `json:"browser,omitempty"`
}

// OK reports whether the read can be judged on: complete or verified
// empty (a home page: fetched with a dated link).
func (c ColumnCheck) OK() bool { return domain.Verified(c.Verdict) }

// Check reads every list page (no detail page) of every column and mailbox,
// and the home page, of the configured units, with the crawl's politeness
// and bounds, and reports each one's verdict with its evidence. Nothing is
// written. The error is for a bad unit filter or a cancelled context only.
func Check(ctx context.Context, cfg *config.Config, opts ...CheckOptions) ([]ColumnCheck, error) {
	var o CheckOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if cfg == nil {
		return nil, errors.New("check: no config")
	}
	s := newSettings(cfg, o.Transport, o.Now, 0, 0)
	units, err := selectUnits(cfg, o.Units)
	if err != nil {
		return nil, err
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := newEngine(ctx, s)
	rc := newRobotsCache()
	results := make([][]ColumnCheck, len(units))
	sem := make(chan struct{}, s.units)
	var wg sync.WaitGroup
	for i, u := range units {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = checkUnit(ctx, e, rc, cfg, u, s, log)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []ColumnCheck
	for _, r := range results {
		out = append(out, r...)
	}
	return out, nil
}

// checkUnit reads one unit as a crawl would, list pages only, and turns
// each source's record into a check.
func checkUnit(ctx context.Context, e *engine, rc *robotsCache, cfg *config.Config, u config.Unit, s settings, log *slog.Logger) []ColumnCheck {
	uc := &unitCrawler{cfg: cfg, unit: u, s: s, hist: emptyHistory(), ref: s.now(), start: s.clock(),
		log: log.With("unit", u.ID), details: map[string]detailSeen{}, listOnly: true, run: &landing.Run{}}
	uc.f = &fetcher{e: e, s: s, unitID: u.ID, hosts: unitHosts(u), record: func([]landing.Page) error { return nil }}
	if cfg.RobotsFor(u) {
		uc.f.robots = rc
	}
	var out []ColumnCheck
	if err := uc.crawl(ctx); err != nil {
		return append(out, ColumnCheck{UnitID: u.ID, UnitName: u.Name, ID: "unit", Kind: "unit", Error: err.Error(), Verdict: domain.VerdictFailed})
	}
	if u.Home != "" {
		h := uc.homeRec
		cc := ColumnCheck{UnitID: u.ID, UnitName: u.Name, ID: "home", Kind: "home", Name: "首页", URL: u.Home,
			Reachable: h.Status > 0, Status: h.Status, Error: h.Error, Blocked: h.Verdict == domain.VerdictBlocked,
			Newest: h.Newest.Value, Verdict: h.Verdict}
		if h.Newest.Value != "" {
			cc.Items = 1
		}
		if cc.Verdict != domain.VerdictComplete {
			cc.VerdictReason = h.Error
		}
		out = append(out, cc)
	}
	names := map[string]string{}
	for _, c := range u.Columns {
		names[c.ID] = c.Name
	}
	for _, m := range u.Mailboxes {
		names[m.ID] = m.Name
	}
	for _, src := range uc.sources {
		r := src.rec
		cc := ColumnCheck{UnitID: u.ID, UnitName: u.Name, ID: r.ColumnID, Kind: r.Kind, Name: names[r.ColumnID], URL: r.URL,
			Profile: r.Profile, Reachable: src.first.Status > 0, Status: src.first.Status, Encoding: r.Encoding,
			Items: r.Distinct, Pages: r.Pages, TotalPages: r.TotalPages, SiteTotal: r.SiteTotal, Newest: r.Newest,
			Recognised: r.Recognised, Blocked: r.Verdict == domain.VerdictBlocked, Error: r.Error,
			Verdict: r.Verdict, VerdictReason: r.VerdictReason}
		switch {
		case r.Rendered:
			cc.Browser = "render"
		case r.Verdict == domain.VerdictNeedsBrowser:
			cc.Browser = domain.VerdictNeedsBrowser
		}
		out = append(out, cc)
	}
	return out
}

// head is an answer without its body, to keep.
func (f fetched) head() fetched {
	f.Body, f.Text = nil, ""
	return f
}
