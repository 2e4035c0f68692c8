// Package render reads the pages of a column that static reading cannot:
// lists written by scripts. It drives a headless Chromium through chromedp,
// returns the rendered DOM of each list page, and follows the pager by
// clicking it.
//
// Every request the browser makes is intercepted and put to the caller's
// Allow rule first (robots.txt, per-host delay, host boundary, private
// addresses): the crawler owns those rules, this package only applies them.
// The browser is an optional dependency; Available says whether it is
// installed. This package never extracts items: that is crawl/extract's job.
package render

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrUnavailable is returned when no browser is installed.
var ErrUnavailable = errors.New("no headless browser installed (install Debian's chromium)")

// browserNames are looked up on PATH, in order, when Options.ExecPath is empty.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ExecPath is the browser binary that would be used, or "".
func ExecPath() string {
	for _, n := range browserNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// Available reports whether a browser is installed.
func Available() bool { return ExecPath() != "" }

// AllowFunc decides whether the browser may make a request. It may wait (a
// per-host delay) and returns an error saying why a request is refused.
type AllowFunc func(ctx context.Context, method, rawURL string) error

// Options configure one rendering.
type Options struct {
	// Allow is asked before every request the browser makes. Required.
	Allow AllowFunc
	// ExecPath is the browser binary; empty looks chromium up on PATH.
	ExecPath string
	// UserAgent identifies the crawler, as its static requests do.
	UserAgent string
	// MaxPages bounds the list pages read by clicking the pager (default 10).
	MaxPages int
	// Timeout bounds the loading of one page and of one pager click
	// (default 20s).
	Timeout time.Duration
	Logger  *slog.Logger
}

// Page is one rendered list page.
type Page struct {
	URL  string // the browser's location when the DOM was read
	HTML string // the rendered DOM
}

// Result is what a rendering read.
type Result struct {
	Pages    []Page
	Requests int      // requests the browser was allowed to make
	Refused  []string // requests refused, "URL: reason"
	// LastPage: the pager had no further page to click (or clicking it
	// changed nothing), rather than the MaxPages bound stopping the read.
	LastPage bool
}

// Render opens pageURL in a fresh headless browser, waits for its scripts
// to settle, and reads the DOM; then clicks 下一页 (or the next page number)
// and reads again, until the pager has no next page, a click changes
// nothing, or MaxPages pages were read.
func Render(ctx context.Context, opts Options, pageURL string) (Result, error) {
	if opts.Allow == nil {
		return Result{}, errors.New("render: no Allow rule")
	}
	path := opts.ExecPath
	if path == "" {
		path = ExecPath()
	}
	if path == "" {
		return Result{}, ErrUnavailable
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = 10
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 20 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir, err := os.MkdirTemp("", "gongkai-render-")
	if err != nil {
		return Result{}, fmt.Errorf("render profile dir: %w", err)
	}
	defer os.RemoveAll(dir)

	allocOpts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("dns-prefetch-disable", true),
	}
	if opts.UserAgent != "" {
		allocOpts = append(allocOpts, chromedp.UserAgent(opts.UserAgent))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocOpts...)
	defer cancelAlloc()
	tctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()

	var res Result
	var mu sync.Mutex
	pending := &inflight{ids: map[string]bool{}}
	var handlers sync.WaitGroup
	defer handlers.Wait()
	// Interception lives as long as the tab; it ends before the handlers
	// are waited for.
	ictx, stopIntercept := context.WithCancel(tctx)
	defer stopIntercept()
	intercept := func(c context.Context, t *chromedp.Target) (chromedp.Void, error) {
		events := cdp.Events(ictx, t, fetch.RequestPaused)
		handlers.Add(1)
		go func() {
			defer handlers.Done()
			for ev, err := range events {
				if err != nil {
					return
				}
				handlers.Add(1)
				go func() {
					defer handlers.Done()
					method, u := ev.Request.Method, ev.Request.URL
					if why := decide(ictx, opts.Allow, method, u); why != nil {
						mu.Lock()
						res.Refused = append(res.Refused, u+": "+why.Error())
						mu.Unlock()
						log.Debug("render refused", "url", u, "reason", why)
						cdp.Call(ictx, t, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
						return
					}
					mu.Lock()
					res.Requests++
					mu.Unlock()
					cdp.Call(ictx, t, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				}()
			}
		}()
		// Requests in flight: the DOM is read only once none is, so a list
		// whose data is still loading is not taken for an empty one.
		sent := cdp.Events(ictx, t, network.RequestWillBeSent)
		finished := cdp.Events(ictx, t, network.LoadingFinished)
		failed := cdp.Events(ictx, t, network.LoadingFailed)
		handlers.Add(3)
		go func() {
			defer handlers.Done()
			for ev, err := range sent {
				if err != nil {
					return
				}
				pending.start(string(ev.RequestID))
			}
		}()
		go func() {
			defer handlers.Done()
			for ev, err := range finished {
				if err != nil {
					return
				}
				pending.done(string(ev.RequestID))
			}
		}()
		go func() {
			defer handlers.Done()
			for ev, err := range failed {
				if err != nil {
					return
				}
				pending.done(string(ev.RequestID))
			}
		}()
		if _, err := cdp.Call(c, t, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(c, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
		return chromedp.Void{}, err
	}
	// The first Run starts the browser and must not carry a timeout.
	if _, err := chromedp.Run(tctx, intercept); err != nil {
		return res, fmt.Errorf("render start browser: %w", err)
	}
	nctx, cancel := context.WithTimeout(tctx, opts.Timeout)
	err = chromedp.Do(nctx, chromedp.Navigate(pageURL))
	cancel()
	if err != nil {
		return res, fmt.Errorf("render %s: %w", pageURL, err)
	}
	html, err := settle(tctx, opts.Timeout, "", pending)
	if err != nil {
		return res, fmt.Errorf("render %s: %w", pageURL, err)
	}
	seen := map[string]bool{html: true}
	res.Pages = append(res.Pages, Page{URL: location(tctx, pageURL), HTML: html})
	for len(res.Pages) < opts.MaxPages {
		clicked, err := clickNext(tctx, opts.Timeout, len(res.Pages)+1)
		if err != nil || !clicked {
			res.LastPage = err == nil
			break
		}
		next, err := settle(tctx, opts.Timeout, html, pending)
		if err != nil || next == html || seen[next] {
			// A click that changes nothing, or leads back to a page already
			// read, is the end of the pager.
			res.LastPage = true
			break
		}
		seen[next] = true
		html = next
		res.Pages = append(res.Pages, Page{URL: location(tctx, pageURL), HTML: html})
	}
	stopIntercept()
	return res, nil
}

// decide applies the caller's rule to one request. Requests that never
// reach the network (data:, blob:) need no rule; any other scheme is
// refused.
func decide(ctx context.Context, allow AllowFunc, method, u string) error {
	low := strings.ToLower(u)
	switch {
	case strings.HasPrefix(low, "data:"), strings.HasPrefix(low, "blob:"):
		return nil
	case strings.HasPrefix(low, "http://"), strings.HasPrefix(low, "https://"):
		return allow(ctx, method, u)
	}
	return errors.New("scheme not allowed")
}

// pollEvery is how often the DOM is read while waiting for scripts;
// stillWhileLoading is how many unchanged reads end the wait even while
// a request is in flight.
const (
	pollEvery         = 150 * time.Millisecond
	stillWhileLoading = 20
)

// inflight counts the browser's requests that have not finished.
type inflight struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (f *inflight) start(id string) { f.mu.Lock(); f.ids[id] = true; f.mu.Unlock() }
func (f *inflight) done(id string)  { f.mu.Lock(); delete(f.ids, id); f.mu.Unlock() }
func (f *inflight) idle() bool      { f.mu.Lock(); defer f.mu.Unlock(); return len(f.ids) == 0 }

// settle waits until the DOM differs from prev (when prev is set), no
// request is in flight, and the DOM holds still for two reads in a row,
// and returns it. The wait is bounded by timeout; a DOM still changing
// then is returned as it stands.
func settle(ctx context.Context, timeout time.Duration, prev string, pending *inflight) (string, error) {
	deadline := time.Now().Add(timeout)
	last, stable := "", 0
	for {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		html, err := chromedp.Run(cctx, chromedp.Evaluate[string](`document.readyState === "complete" ? document.documentElement.outerHTML : ""`))
		cancel()
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		// A read during a navigation fails or sees no document: read again.
		if err == nil && html != "" && (prev == "" || html != prev) {
			if html == last {
				// Still for two reads with nothing loading; or still for
				// longer while something loads that never ends (a beacon,
				// a long poll).
				stable++
				if (stable >= 2 && pending.idle()) || stable >= stillWhileLoading {
					return html, nil
				}
			} else {
				last, stable = html, 0
			}
		}
		if time.Now().After(deadline) {
			if last == "" {
				return prev, nil
			}
			return last, nil
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(pollEvery):
		}
	}
}

func location(ctx context.Context, fallback string) string {
	u, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil || u == "" {
		return fallback
	}
	return u
}

// clickJS clicks the pager's next page: an element reading 下一页 (or 下页,
// 后一页, ›, >, next) that is not disabled, else one reading the next page
// number inside an element that looks like a pager. It answers whether it
// clicked.
const clickJS = `(function (n) {
  var words = ["下一页", "下页", "后一页", "后页", "›", ">", "next", "下一页>", "下一页>>", "下一页»"];
  var els = Array.prototype.slice.call(document.querySelectorAll("a, button, span, li, input[type=button], div"));
  function text(e) { return ((e.innerText || e.value || "") + "").replace(/\s+/g, "").toLowerCase(); }
  function disabled(e) {
    if (e.disabled || e.getAttribute("disabled") !== null) return true;
    var c = (e.className || "") + "";
    return /disabled|disable|unable|gray/i.test(c);
  }
  function leaf(e) { return e.children.length === 0 || e.tagName === "A" || e.tagName === "BUTTON"; }
  var el = els.find(function (e) { return leaf(e) && words.indexOf(text(e)) >= 0 && !disabled(e); });
  if (!el) {
    el = els.find(function (e) {
      if (!leaf(e) || text(e) !== String(n) || disabled(e)) return false;
      for (var p = e.parentElement; p; p = p.parentElement) {
        if (/page|pager|pagination|fenye|pg/i.test((p.className || "") + " " + (p.id || ""))) return true;
      }
      return false;
    });
  }
  if (!el) return false;
  el.click();
  return true;
})`

// clickNext clicks the next page control; n is the page number it leads to.
func clickNext(ctx context.Context, timeout time.Duration, n int) (bool, error) {
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return chromedp.Run(cctx, chromedp.Evaluate[bool](fmt.Sprintf("%s(%d)", clickJS, n)))
}
