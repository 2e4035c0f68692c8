package crawl

import (
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
)

// engine is the HTTP side of a run: one colly collector whose backend (and
// so its per-host limit rules and connections) is shared by every unit, so
// politeness holds per host even when several units live on one host.
type engine struct {
	c     *colly.Collector
	s     settings
	mu    sync.Mutex
	hosts map[string]bool // hosts with a limit rule
	state map[string]*hostState
}

// errNoResponse is returned when colly neither answered nor failed.
var errNoResponse = errors.New("no response")

func newEngine(ctx context.Context, s settings) *engine {
	c := colly.NewCollector(
		colly.UserAgent(s.userAgent),
		// One byte over the limit tells a body at the limit from a bigger one.
		colly.MaxBodySize(int(s.maxBody)+1),
		colly.StdlibContext(ctx),
		colly.AllowURLRevisit(),
		colly.ParseHTTPErrorResponse(),
		colly.IgnoreRobotsTxt(), // robots.txt is fetched and recorded by the crawler itself
	)
	c.DetectCharset = false
	c.DisableCookies()
	tr := s.transport
	if tr == nil {
		tr = newTransport(s)
	}
	c.WithTransport(gunzipBounded{inner: connTrace{inner: tr}, limit: s.maxBody + 1})
	c.SetRequestTimeout(s.timeout)
	// Redirects are followed by the crawler, hop by hop, so that each hop is
	// checked against the unit's hosts and robots.txt.
	c.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	// Called once the host's limit slot is held, so queueing is not timed.
	c.OnRequestHeaders(func(r *colly.Request) { r.Ctx.Put("start", time.Now()) })
	c.OnResponseHeaders(func(r *colly.Response) {
		// colly converts bodies whose header names a charset; the crawler
		// decodes raw bytes itself, so the header is kept aside.
		r.Ctx.Put("content-type", r.Headers.Get("Content-Type"))
		r.Headers.Del("Content-Type")
	})
	c.OnResponse(func(r *colly.Response) { r.Ctx.Put("resp", r) })
	c.OnError(func(r *colly.Response, err error) { r.Ctx.Put("err", err) })
	return &engine{c: c, s: s, hosts: map[string]bool{}, state: map[string]*hostState{}}
}

// limitHost installs the per-host parallelism and delay rule the first time
// a host is requested.
func (e *engine) limitHost(host string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hosts[host] {
		return
	}
	e.hosts[host] = true
	// An exact match: a glob would read an IPv6 literal's brackets as a class.
	e.c.Limit(&colly.LimitRule{DomainRegexp: "^" + regexp.QuoteMeta(host) + "$", Parallelism: e.s.parallelism, Delay: e.s.delay})
}

// reply is one HTTP exchange (one hop, no redirect following).
type reply struct {
	status      int
	header      http.Header
	contentType string
	body        []byte
	elapsed     time.Duration
	resends     int // silent resends before this answer (see connTrace)
}

// do sends one request and waits for its answer.
func (e *engine) do(method, url string, body string, host string, extra map[string]string) (reply, error) {
	e.limitHost(host)
	var rd io.Reader
	hdr := http.Header{}
	hdr.Set("User-Agent", e.s.userAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8")
	hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if method == http.MethodPost {
		rd = strings.NewReader(body)
		hdr.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
		if b := strings.TrimSpace(body); strings.HasPrefix(b, "{") || strings.HasPrefix(b, "[") {
			hdr.Set("Content-Type", "application/json; charset=UTF-8") // a profile's JSON body
		}
	}
	for k, v := range extra {
		hdr.Set(k, v)
	}
	cctx := colly.NewContext()
	start := time.Now()
	err := e.c.Request(method, url, rd, cctx, hdr)
	var rep reply
	if t, ok := cctx.GetAny("start").(time.Time); ok {
		start = t
	}
	// colly sleeps the host delay before returning; that is not the page's time.
	rep.elapsed = max(time.Since(start)-e.s.delay, 0)
	if r, ok := cctx.GetAny("resp").(*colly.Response); ok && r != nil {
		rep.status = r.StatusCode
		if r.Headers != nil {
			rep.header = *r.Headers
		}
		rep.resends = resends(rep.header, nil)
		rep.header.Del(resendHeader)
		rep.contentType, _ = cctx.GetAny("content-type").(string)
		rep.body = r.Body
		return rep, nil
	}
	if cerr, ok := cctx.GetAny("err").(error); ok && cerr != nil {
		err = cerr
	}
	if err != nil {
		rep.resends = resends(nil, err)
		return rep, err
	}
	return rep, errNoResponse
}
