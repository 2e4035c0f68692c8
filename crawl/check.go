package crawl

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
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

// ColumnCheck is what the first page of one column, mailbox or home page
// said: enough to see that a configuration works before a real run.
type ColumnCheck struct {
	UnitID     string `json:"unit_id"`
	UnitName   string `json:"unit_name"`
	ID         string `json:"id"`   // column or mailbox ID; "home" for the home page
	Kind       string `json:"kind"` // "column", "mailbox" or "home"
	Name       string `json:"name"`
	URL        string `json:"url"` // the URL requested
	Profile    string `json:"profile"`
	Reachable  bool   `json:"reachable"` // an HTTP answer came back
	Status     int    `json:"status"`
	Encoding   string `json:"encoding,omitempty"`
	Items      int    `json:"items"` // items or letters on the first page
	TotalPages int    `json:"total_pages,omitempty"`
	Newest     string `json:"newest,omitempty"` // newest date on the page, 2006-01-02
	Blocked    bool   `json:"blocked"`
	Error      string `json:"error,omitempty"`
	// Browser: "render" when the list is written by scripts and a run will
	// read it in the headless browser; "needs_browser" when none is installed.
	Browser string `json:"browser,omitempty"`
}

// OK reports whether the check found a working list.
func (c ColumnCheck) OK() bool { return c.Reachable && c.Error == "" && !c.Blocked }

// Check fetches the first page of every column and mailbox (and the home
// page) of the configured units, with the crawl's politeness, and reports
// what each gave. Nothing is written. The error is for a bad unit filter or
// a cancelled context only.
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
			results[i] = checkUnit(ctx, e, rc, cfg, u, s)
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

func checkUnit(ctx context.Context, e *engine, rc *robotsCache, cfg *config.Config, u config.Unit, s settings) []ColumnCheck {
	f := &fetcher{e: e, s: s, unitID: u.ID, hosts: unitHosts(u), record: func([]landing.Page) error { return nil }}
	if cfg.RobotsFor(u) {
		f.robots = rc
	}
	ref := s.now()
	var out []ColumnCheck
	first := func(cc ColumnCheck, req extract.Request) (fetched, ColumnCheck, bool) {
		cc.URL = req.URL
		res, err := f.fetch(ctx, kindOf(cc.Kind), cc.ID, req)
		if err != nil {
			cc.Error = err.Error()
			return res, cc, false
		}
		cc.Status, cc.Encoding = res.Status, res.Encoding
		cc.Reachable = res.Status > 0
		cc.Blocked = res.Outcome == landing.OutcomeBlocked
		if !res.ok() {
			cc.Error = res.Err
			return res, cc, false
		}
		return res, cc, true
	}
	if u.Home != "" {
		cc := ColumnCheck{UnitID: u.ID, UnitName: u.Name, ID: "home", Kind: "home", Name: "首页"}
		res, cc, ok := first(cc, extract.Request{Method: "GET", URL: u.Home})
		if ok {
			if li, found := extract.NewestDatedLink(res.URL, res.Text, ref); found {
				cc.Items = 1
				cc.Newest = landingDate(li.Date).Value
			} else {
				cc.Error = "no dated link on the page"
			}
		}
		out = append(out, cc)
	}
	for _, col := range u.Columns {
		cc := ColumnCheck{UnitID: u.ID, UnitName: u.Name, ID: col.ID, Kind: "column", Name: col.Name, Profile: col.Profile}
		prof, err := profileFor(cfg, col)
		if err != nil {
			cc.Error = err.Error()
			out = append(out, cc)
			continue
		}
		req := extract.FirstRequest(prof, col.URL)
		res, cc, ok := first(cc, req)
		if ok {
			req.URL = res.URL
			lr, err := extract.ExtractList(prof, req, res.Text, ref)
			switch {
			case err != nil:
				cc.Error = "extract list: " + err.Error()
			case lr.Blocked:
				cc.Blocked, cc.Error = true, lr.Reason
			case wantsBrowser(lr, res.Text):
				cc.Browser = "render"
				if !browserAvailable() {
					cc.Browser, cc.Error = domain.VerdictNeedsBrowser, errNoBrowserReason
				}
			default:
				cc.Items, cc.TotalPages = len(lr.Items), lr.TotalPages
				for _, it := range lr.Items {
					cc.Newest = max(cc.Newest, landingDate(it.Date).Value)
				}
			}
		}
		out = append(out, cc)
	}
	for _, mb := range u.Mailboxes {
		cc := ColumnCheck{UnitID: u.ID, UnitName: u.Name, ID: mb.ID, Kind: "mailbox", Name: mb.Name, Profile: mb.Format}
		req := mailboxStart(mb)
		res, cc, ok := first(cc, req)
		if ok {
			req.URL = res.URL
			lp, err := extract.ExtractLettersWith(mailProfile(mb), req, res.Text, ref)
			switch {
			case err != nil:
				cc.Error = "extract letters: " + err.Error()
			case lp.Blocked:
				cc.Blocked, cc.Error = true, lp.Reason
			default:
				cc.Items, cc.TotalPages = len(lp.Letters), lp.TotalPages
				for _, l := range lp.Letters {
					cc.Newest = max(cc.Newest, landingDate(l.Received).Value)
				}
			}
		}
		out = append(out, cc)
	}
	return out
}

func kindOf(k string) string {
	switch k {
	case "home":
		return landing.PageHome
	case "mailbox":
		return landing.PageMailboxList
	}
	return landing.PageList
}
