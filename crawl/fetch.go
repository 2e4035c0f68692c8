package crawl

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// fetcher fetches pages for one unit: inside its hosts, obeying robots.txt,
// retrying what can be retried, recording every attempt, storing every body
// it read, and replaying what a killed run already fetched.
type fetcher struct {
	e       *engine
	s       settings
	runID   string
	unitID  string
	hosts   hostSet
	robots  *robotsCache       // nil when robots.txt is not obeyed
	snaps   *landing.Snapshots // nil when bodies are not kept (check)
	journal *journal           // nil when nothing is journaled (check)
	record  func([]landing.Page) error
	stats   *counters
}

// fetched is the final answer to one request.
type fetched struct {
	URL         string // final URL, after redirects
	Status      int
	ContentType string
	Body        []byte
	Text        string // decoded body (not for robots.txt)
	Encoding    string
	SHA256      string
	Outcome     string // landing.Outcome*
	Err         string
	Attempts    int
	Cookies     []*http.Cookie // set by the answer (Set-Cookie)
}

func (f fetched) ok() bool { return f.Outcome == landing.OutcomeOK }

// permanent marks an error that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

const maxRedirects = 10

// requestKey identifies a request in the journal.
func requestKey(r extract.Request) string {
	m := r.Method
	if m == "" {
		m = http.MethodGet
	}
	k := m + " " + r.URL
	if len(r.Form) > 0 {
		k += " " + r.Form.Encode()
	}
	if r.Body != "" {
		k += " " + r.Body
	}
	return k
}

// fetch makes one request with its retries. The error is only for what
// must stop the unit (cancellation, landing write failures); a page that
// could not be fetched is a result with Outcome failed, blocked or robots.
func (f *fetcher) fetch(ctx context.Context, kind, columnID string, req extract.Request) (fetched, error) {
	if req.Method == "" {
		req.Method = http.MethodGet
	}
	// Refusals come first, so a resumed run loads robots.txt at the same
	// point as an uninterrupted one; they make no request and are not
	// journaled.
	if res, pages, refused, err := f.refuse(ctx, kind, columnID, req); err != nil || refused {
		if err != nil {
			return res, err
		}
		return res, f.record(pages)
	}
	key := requestKey(req)
	if f.journal != nil {
		if e, ok := f.journal.take(key); ok {
			if res, ok := f.replay(kind, e); ok {
				return res, f.record(e.Pages)
			}
		}
	}
	res, pages, err := f.attempts(ctx, kind, columnID, req)
	if err != nil {
		return res, err
	}
	if err := f.record(pages); err != nil {
		return res, err
	}
	if f.journal != nil {
		e := journalEntry{Key: key, URL: res.URL, Status: res.Status, ContentType: res.ContentType,
			SHA256: res.SHA256, Outcome: res.Outcome, Error: res.Err, Pages: pages}
		if err := f.journal.add(e); err != nil {
			return res, err
		}
	}
	return res, nil
}

// refuse records a request that must not be made: outside the unit's
// hosts, or disallowed by robots.txt.
func (f *fetcher) refuse(ctx context.Context, kind, columnID string, req extract.Request) (fetched, []landing.Page, bool, error) {
	why, outcome := "", ""
	switch {
	case !f.hosts.allowsURL(req.URL):
		why, outcome = "outside the unit's hosts, not requested", landing.OutcomeFailed
	case f.robots != nil && kind != landing.PageRobots:
		ok, oc, reason, err := f.robots.allowed(ctx, f, req.URL)
		if err != nil {
			return fetched{}, nil, false, err
		}
		if ok {
			return fetched{}, nil, false, nil
		}
		why, outcome = reason, oc
	default:
		return fetched{}, nil, false, nil
	}
	p := landing.Page{RunID: f.runID, UnitID: f.unitID, ColumnID: columnID, Kind: kind, Method: req.Method,
		URL: req.URL, Attempt: 1, Outcome: outcome, Error: why, FetchedAt: time.Now().UTC()}
	f.stats.page(p)
	return fetched{URL: req.URL, Outcome: outcome, Err: why, Attempts: 1}, []landing.Page{p}, true, nil
}

// replay serves a request the journal says was completed before. It fails
// when the body did not reach the snapshot store before the run stopped;
// the request is then made again.
func (f *fetcher) replay(kind string, e journalEntry) (fetched, bool) {
	res := fetched{URL: e.URL, Status: e.Status, ContentType: e.ContentType, SHA256: e.SHA256,
		Outcome: e.Outcome, Err: e.Error, Attempts: len(e.Pages)}
	if e.SHA256 != "" {
		body, err := f.snaps.Get(e.SHA256)
		if err != nil || landing.Hash(body) != e.SHA256 {
			return res, false
		}
		res.Body = body
		if kind != landing.PageRobots {
			res.Text, res.Encoding, _ = extract.Decode(body, e.ContentType)
		}
	}
	for i := range e.Pages {
		e.Pages[i].RunID = f.runID
		f.stats.page(e.Pages[i])
	}
	return res, true
}

// attempts runs the attempts of one request.
func (f *fetcher) attempts(ctx context.Context, kind, columnID string, req extract.Request) (fetched, []landing.Page, error) {
	res := fetched{URL: req.URL}
	var pages []landing.Page
	newPage := func(attempt int) landing.Page {
		return landing.Page{RunID: f.runID, UnitID: f.unitID, ColumnID: columnID, Kind: kind,
			Method: req.Method, URL: req.URL, Attempt: attempt, FetchedAt: time.Now().UTC()}
	}
	attempt := 0
	for try := 0; ; try++ {
		rep, final, err := f.once(ctx, req)
		if ctx.Err() != nil {
			return res, nil, ctx.Err()
		}
		for range rep.resends {
			attempt++
			p := newPage(attempt)
			p.Outcome, p.Error = landing.OutcomeFailed, resendMessage
			f.stats.page(p)
			pages = append(pages, p)
		}
		attempt++
		p := newPage(attempt)
		p.Status, p.Bytes, p.DurationMS = rep.status, int64(len(rep.body)), rep.elapsed.Milliseconds()
		res = fetched{URL: final, Status: rep.status, ContentType: rep.contentType, Attempts: attempt}
		if err == nil && len(rep.header["Set-Cookie"]) > 0 {
			res.Cookies = (&http.Response{Header: rep.header}).Cookies()
		}
		retry := false
		switch {
		case err != nil:
			res.Outcome, res.Err = landing.OutcomeFailed, err.Error()
			var perm permanent
			// A refused private address stays refused.
			retry = !errors.As(err, &perm) && !errors.Is(err, errPrivateAddress)
		case int64(len(rep.body)) > f.s.maxBody:
			res.Outcome, res.Err = landing.OutcomeFailed, fmt.Sprintf("body larger than max_body (%d bytes)", f.s.maxBody)
			p.Bytes = f.s.maxBody
		default:
			res.Body = rep.body
			retry = f.classify(kind, &res)
		}
		p.Outcome, p.Error = res.Outcome, res.Err
		// The body is stored before the request is journaled, so a journal
		// entry always has its body.
		if f.snaps != nil && (res.Outcome == landing.OutcomeOK || res.Outcome == landing.OutcomeBlocked) {
			sum, err := f.snaps.Put(rep.body)
			if err != nil {
				return res, nil, err
			}
			res.SHA256, p.SHA256 = sum, sum
		}
		f.stats.page(p)
		pages = append(pages, p)
		if !retry || try >= f.s.retries {
			return res, pages, nil
		}
		if err := f.s.sleep(ctx, f.backoff(try+1, rep.header)); err != nil {
			return res, nil, err
		}
	}
}

// classify sets the outcome of an answered request and says whether to try
// again.
func (f *fetcher) classify(kind string, res *fetched) (retry bool) {
	st := res.Status
	if kind != landing.PageRobots && (st < 300 || st == http.StatusForbidden || st == http.StatusPreconditionFailed || st == 521) {
		var derr error
		res.Text, res.Encoding, derr = extract.Decode(res.Body, res.ContentType)
		if blocked, why := challenge(st, res.Text); blocked {
			res.Outcome, res.Err = landing.OutcomeBlocked, why
			return false
		}
		if derr == nil && st >= 200 && st < 300 && extract.Undecodable(res.Body, res.Text, res.Encoding) {
			derr = fmt.Errorf("most of the body is not %s", res.Encoding)
		}
		if derr != nil && st >= 200 && st < 300 {
			// A body that cannot be decoded is a failure, never an empty
			// page; it may be a damaged transfer, so it is tried again.
			res.Outcome, res.Err = landing.OutcomeFailed, "decode body: "+derr.Error()
			res.Text = ""
			return true
		}
	}
	switch {
	case st >= 200 && st < 300:
		res.Outcome = landing.OutcomeOK
		return false
	case st == http.StatusTooManyRequests || st == http.StatusRequestTimeout || st >= 500:
		res.Outcome, res.Err = landing.OutcomeFailed, httpError(st)
		return true
	default:
		res.Outcome, res.Err = landing.OutcomeFailed, httpError(st)
		return false
	}
}

// challenge asks the extractor whether an answer is a WAF or challenge page.
// JSON answers are data, never a challenge page.
func challenge(status int, text string) (bool, string) {
	t := strings.TrimSpace(text)
	if status < 300 && (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) {
		return false, ""
	}
	blocked, why := extract.IsChallenge(status, text)
	if blocked && why == "" {
		why = "challenge page"
	}
	return blocked, why
}

func httpError(status int) string {
	return "HTTP " + strconv.Itoa(status) + " " + http.StatusText(status)
}

// backoff is the wait before the next attempt: exponential from RetryBase,
// or the server's Retry-After when longer, both capped at RetryMax.
func (f *fetcher) backoff(attempt int, h http.Header) time.Duration {
	d := time.Duration(float64(f.s.retryBase) * math.Pow(2, float64(attempt-1)))
	if ra := retryAfter(h, time.Now()); ra > d {
		d = ra
	}
	return min(d, f.s.retryMax)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		// Past about 292 years the product wraps around to negative.
		return time.Duration(min(n, 1<<32)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// once makes one attempt, following redirects that stay on the unit's
// hosts and are allowed by robots.txt.
func (f *fetcher) once(ctx context.Context, req extract.Request) (reply, string, error) {
	method, target := req.Method, req.URL
	body := ""
	if len(req.Form) > 0 {
		body = req.Form.Encode()
	}
	if req.Body != "" {
		body = req.Body
	}
	origin := ""
	if u, err := url.Parse(target); err == nil {
		origin = u.Host
	}
	for hop := 0; ; hop++ {
		u, err := url.Parse(target)
		if err != nil {
			return reply{}, target, permanent{fmt.Errorf("bad url: %w", err)}
		}
		if hop > 0 {
			if !f.hosts.allows(u.Host) {
				return reply{}, target, permanent{fmt.Errorf("redirect to another host refused: %s", target)}
			}
			if f.robots != nil {
				ok, _, why, err := f.robots.allowed(ctx, f, target)
				if err != nil {
					return reply{}, target, err
				}
				if !ok {
					return reply{}, target, permanent{fmt.Errorf("redirect to %s refused: %s", target, why)}
				}
			}
		}
		if why := f.e.cutOff(u.Host); why != "" {
			return reply{}, target, permanent{errors.New(why)}
		}
		if err := f.e.pace(ctx, u.Host); err != nil {
			return reply{}, target, err
		}
		if f.s.hostWait != nil {
			if err := f.s.hostWait(ctx, u.Host, f.e.hostDelay(u.Host)); err != nil {
				return reply{}, target, err
			}
		}
		extra := req.Header
		if hop > 0 && u.Host != origin {
			extra = nil // a page's session and token are for its own host
		}
		rep, err := f.e.do(method, target, body, u.Host, extra)
		f.e.answered(u.Host, err)
		if err != nil {
			return rep, target, err
		}
		loc := rep.header.Get("Location")
		if rep.status < 300 || rep.status >= 400 || rep.status == http.StatusNotModified || loc == "" {
			return rep, target, nil
		}
		if hop >= maxRedirects {
			return rep, target, permanent{errors.New("too many redirects")}
		}
		next, err := u.Parse(loc)
		if err != nil {
			return rep, target, permanent{fmt.Errorf("bad redirect location %q", loc)}
		}
		if rep.status != http.StatusTemporaryRedirect && rep.status != http.StatusPermanentRedirect {
			method, body = http.MethodGet, ""
		}
		target = next.String()
	}
}

// counters are a run's live totals, for progress.
type counters struct {
	pages     atomic.Int64 // attempts, as pages.ndjson.gz records them
	failed    atomic.Int64 // requests failed after their retries (UnitStatus.Failed)
	unitsDone atomic.Int64
}

func (c *counters) page(landing.Page) {
	if c == nil {
		return
	}
	c.pages.Add(1)
}

// requestFailed counts a request whose last attempt failed, where the
// unit's own count (UnitStatus.Failed) is kept: a failed attempt that a
// retry made good is no error.
func (c *counters) requestFailed() {
	if c != nil {
		c.failed.Add(1)
	}
}

// unit adds a unit finished before this process started (a resumed or
// retried run), so the tally matches the manifest.
func (c *counters) unit(st landing.UnitStatus) {
	c.pages.Add(int64(st.Pages))
	c.failed.Add(int64(st.Failed))
	c.unitsDone.Add(1)
}
