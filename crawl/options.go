package crawl

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/landing"
)

// Options drive one crawl run.
type Options struct {
	Config *config.Config
	// Landing is the landing root (config.LandingDir()).
	Landing string
	// RunID names the run. Empty starts a new run named landing.NewRunID of
	// the start time; with Resume it is the run to continue, empty meaning
	// the newest incomplete run.
	RunID  string
	Resume bool
	// Period is recorded in the manifest (e.g. 2026-10).
	Period string
	// Now is the crawl's clock: run start, cutoff, and the reference year of
	// dates written without one. Default time.Now.
	Now func() time.Time
	// Units limits the run to these unit IDs; empty means all.
	Units  []string
	Logger *slog.Logger
	// Progress, when set, receives the run's Tally several times a second
	// and after each unit (a display on a terminal); otherwise progress
	// goes to Logger every few seconds. Each finished unit is logged
	// either way. It is called from several goroutines.
	Progress func(Tally)
	// Transport replaces the HTTP transport (and with it the dialer that
	// refuses private addresses); for tests.
	Transport http.RoundTripper
	// RetryBase is the first retry's backoff, doubled at each retry
	// (default 500ms). RetryMax caps a backoff and a server's Retry-After
	// (default 30s). Tests set both to milliseconds.
	RetryBase time.Duration
	RetryMax  time.Duration

	// HostWait, when set, is called before every request to a host with
	// the delay the crawler keeps for that host (the configured delay, or
	// the host's robots.txt Crawl-delay when larger) and returns when the
	// request may be sent: a limiter shared by several crawling processes
	// (see crawl/fleet) keeps that delay for all of them together. The
	// local per-host rule applies as well.
	HostWait func(ctx context.Context, host string, delay time.Duration) error
	// RetryFailed re-opens the finished run RunID (empty: the newest
	// complete run) and crawls again only the units with a source that is
	// failed, blocked, partial, suspect or needs_browser, replacing their
	// files; the other units' files are kept as they are.
	RetryFailed bool

	// sleep replaces the wait between attempts; tests observe backoffs.
	sleep func(ctx context.Context, d time.Duration) error
	// clock is wall time for the unit budget and per-host pacing (default
	// time.Now); tests advance it by hand.
	clock func() time.Time
}

// Result is what a run produced.
type Result struct {
	Run      *landing.Run
	Manifest landing.Manifest
	// Failed lists the units that could not be crawled (their error is also
	// in the manifest). Failed columns and pages of crawled units are not
	// here: they are in the landing records.
	Failed []UnitFailure
}

// UnitFailure is one unit that failed.
type UnitFailure struct {
	UnitID string
	Err    error
}

func (f UnitFailure) Error() string { return f.UnitID + ": " + f.Err.Error() }

// shanghai is China Standard Time. A fixed zone keeps dates independent of
// the host's time zone database.
var shanghai = time.FixedZone("CST", 8*3600)

const (
	defaultRetryBase = 500 * time.Millisecond
	defaultRetryMax  = 30 * time.Second
)

// settings are the resolved fetching parameters shared by Run and Check.
type settings struct {
	userAgent    string
	delay        time.Duration
	parallelism  int
	units        int
	timeout      time.Duration
	retries      int
	maxBody      int64
	maxPages     int
	overlap      int
	maxItems     int
	unitBudget   time.Duration
	hostTimeouts int
	allowPrivate bool
	retryBase    time.Duration
	retryMax     time.Duration
	transport    http.RoundTripper
	now          func() time.Time
	hostWait     func(ctx context.Context, host string, delay time.Duration) error
	// sleep waits between attempts; tests replace it to observe backoffs.
	sleep func(ctx context.Context, d time.Duration) error
	// clock is wall time (unit budget, Crawl-delay pacing); now is the
	// crawl's reference clock, which tests pin.
	clock func() time.Time
}

func newSettings(cfg *config.Config, transport http.RoundTripper, now func() time.Time, base, max time.Duration) settings {
	cr := cfg.Crawl
	s := settings{
		userAgent:    cr.UserAgent,
		delay:        cr.Delay.D(),
		parallelism:  cr.Parallelism,
		units:        cr.Units,
		timeout:      cr.Timeout.D(),
		retries:      cr.Retries,
		maxBody:      int64(cr.MaxBody),
		maxPages:     cr.MaxPages,
		overlap:      cr.Overlap,
		maxItems:     cr.MaxItems,
		unitBudget:   cr.UnitBudget.D(),
		hostTimeouts: cr.HostTimeouts,
		allowPrivate: cr.AllowPrivate,
		retryBase:    base,
		retryMax:     max,
		transport:    transport,
		now:          now,
		sleep:        sleepCtx,
		clock:        time.Now,
	}
	if s.userAgent == "" {
		s.userAgent = "gongkai/1"
	}
	if s.parallelism < 1 {
		s.parallelism = 1
	}
	if s.units < 1 {
		s.units = 1
	}
	if s.timeout <= 0 {
		s.timeout = 30 * time.Second
	}
	if s.retries < 0 {
		s.retries = 0
	}
	if s.maxBody <= 0 {
		s.maxBody = 8 << 20
	}
	if s.maxPages <= 0 {
		s.maxPages = 200
	}
	if s.overlap < 0 {
		s.overlap = 0
	}
	// Zero bounds (a config built in code) mean the defaults, never none.
	if s.maxItems <= 0 {
		s.maxItems = 10000
	}
	if s.unitBudget <= 0 {
		s.unitBudget = 2 * time.Hour
	}
	if s.hostTimeouts <= 0 {
		s.hostTimeouts = 5
	}
	if s.retryBase <= 0 {
		s.retryBase = defaultRetryBase
	}
	if s.retryMax <= 0 {
		s.retryMax = defaultRetryMax
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
