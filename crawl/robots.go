package crawl

import (
	"context"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"

	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// robotsAgent is the product token matched against robots.txt groups.
const robotsAgent = "gongkai"

// robotsCache holds each host's robots.txt for one run: fetched once, by
// the first unit that needs the host, and recorded as that unit's page
// attempt.
type robotsCache struct {
	mu    sync.Mutex
	hosts map[string]*hostRobots
}

type hostRobots struct {
	ready chan struct{}
	group *robotstxt.Group // nil: everything allowed
	why   string           // why everything is disallowed, when it is
	// down is set when robots.txt got no answer at all: the host is
	// unreachable, and its pages are failures rather than disallowed.
	down bool
}

func newRobotsCache() *robotsCache { return &robotsCache{hosts: map[string]*hostRobots{}} }

// allowed reports whether rawURL may be requested, and if not the outcome
// to record and why. The first caller for a host fetches its robots.txt
// through f; others wait for it.
func (rc *robotsCache) allowed(ctx context.Context, f *fetcher, rawURL string) (bool, string, string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false, landing.OutcomeFailed, "bad url", nil
	}
	key := u.Scheme + "://" + u.Host
	rc.mu.Lock()
	hr, ok := rc.hosts[key]
	if !ok {
		hr = &hostRobots{ready: make(chan struct{})}
		rc.hosts[key] = hr
	}
	rc.mu.Unlock()
	if !ok {
		err := hr.load(ctx, f, key+"/robots.txt")
		close(hr.ready)
		if err != nil {
			rc.mu.Lock()
			delete(rc.hosts, key) // let a later run of the check try again
			rc.mu.Unlock()
			return false, "", "", err
		}
	} else {
		select {
		case <-hr.ready:
		case <-ctx.Done():
			return false, "", "", ctx.Err()
		}
	}
	switch {
	case hr.down:
		return false, landing.OutcomeFailed, hr.why, nil
	case hr.why != "":
		return false, landing.OutcomeRobots, hr.why, nil
	case hr.group == nil:
		return true, "", "", nil
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if !hr.group.Test(p) {
		return false, landing.OutcomeRobots, "disallowed by robots.txt", nil
	}
	return true, "", "", nil
}

// load fetches and parses robots.txt. Following RFC 9309: a 4xx answer
// (no robots.txt) allows everything; a server error means the site could
// not say, and everything is disallowed for this run. No answer at all
// (after retries) means the host is down for this run.
func (hr *hostRobots) load(ctx context.Context, f *fetcher, robotsURL string) error {
	res, err := f.fetch(ctx, landing.PageRobots, "", extract.Request{Method: http.MethodGet, URL: robotsURL})
	if err != nil {
		return err
	}
	switch {
	case res.Status >= 200 && res.Status < 300:
		data, err := robotstxt.FromBytes(res.Body)
		if err != nil {
			return nil // an unparseable file says nothing
		}
		hr.group = data.FindGroup(robotsAgent)
		if u, err := url.Parse(robotsURL); err == nil && hr.group != nil && hr.group.CrawlDelay > 0 {
			f.e.setCrawlDelay(u.Host, hr.group.CrawlDelay)
		}
	case res.Status >= 400 && res.Status < 500:
	case res.Status == 0:
		hr.down = true
		hr.why = "host unreachable (robots.txt: " + res.Err + "), not requested"
	default:
		hr.why = "robots.txt unreachable: " + res.Err + "; everything disallowed"
	}
	return nil
}
