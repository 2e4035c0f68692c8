package crawl

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// gunzipBounded decompresses gzip answers itself, at most limit bytes, so
// that a gzip bomb costs limit bytes of memory. colly would otherwise
// decompress them (by Content-Encoding, a gzip Content-Type, or a path
// ending .xml.gz) after its body limit, which counts compressed bytes only.
type gunzipBounded struct {
	inner http.RoundTripper
	limit int64 // bytes of decompressed body to read at most
}

func (t gunzipBounded) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(req)
	if err != nil || resp.Uncompressed || !gzipped(req, resp) {
		// An answer net/http decompressed itself is read lazily, within
		// colly's body limit.
		return resp, err
	}
	resp.Body = &boundedGunzip{raw: resp.Body, left: t.limit}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
	return resp, nil
}

// gzipped is colly's test for a body it would decompress.
func gzipped(req *http.Request, resp *http.Response) bool {
	ce := strings.ToLower(resp.Header.Get("Content-Encoding"))
	if strings.Contains(ce, "gzip") {
		return true
	}
	if ce == "" && strings.Contains(strings.ToLower(resp.Header.Get("Content-Type")), "gzip") {
		return true
	}
	u := req.URL
	if resp.Request != nil && resp.Request.URL != nil {
		u = resp.Request.URL
	}
	return strings.HasSuffix(strings.ToLower(u.Path), ".xml.gz")
}

// boundedGunzip reads a gzip stream up to left decompressed bytes, then
// reports the end: the caller sees a body one byte over its limit and
// records it as too large.
type boundedGunzip struct {
	raw  io.ReadCloser
	zr   *gzip.Reader
	left int64
}

func (b *boundedGunzip) Read(p []byte) (int, error) {
	if b.zr == nil {
		zr, err := gzip.NewReader(b.raw)
		if err != nil {
			return 0, fmt.Errorf("gzip body: %w", err)
		}
		b.zr = zr
	}
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.zr.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedGunzip) Close() error { return b.raw.Close() }

// hostCutOff starts the error of a request not made because its host
// timed out too often in a row.
const hostCutOff = "host cut off"

// hostState is what the run knows of one host's behaviour.
type hostState struct {
	timeouts   int           // timeouts in a row
	crawlDelay time.Duration // robots.txt Crawl-delay
	next       time.Time     // earliest start of the next request under Crawl-delay
}

func (e *engine) host(h string) *hostState {
	st, ok := e.state[h]
	if !ok {
		st = &hostState{}
		e.state[h] = st
	}
	return st
}

// cutOff says why a host is no longer requested, or "".
func (e *engine) cutOff(h string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if n := e.host(h).timeouts; n >= e.s.hostTimeouts {
		return fmt.Sprintf("%s after %d timeouts in a row (host_timeouts), not requested", hostCutOff, n)
	}
	return ""
}

// answered counts a request's end toward the host's timeouts in a row.
func (e *engine) answered(h string, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.host(h)
	switch {
	case err == nil:
		st.timeouts = 0
	case isTimeout(err):
		st.timeouts++
	}
}

// setCrawlDelay records a host's robots.txt Crawl-delay.
func (e *engine) setCrawlDelay(h string, d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.host(h).crawlDelay = d
}

// pace waits until the host's Crawl-delay since the previous request has
// passed, when it is longer than the configured delay (which colly keeps).
func (e *engine) pace(ctx context.Context, h string) error {
	e.mu.Lock()
	st := e.host(h)
	if st.crawlDelay <= e.s.delay {
		e.mu.Unlock()
		return nil
	}
	now := e.s.clock()
	wait := max(st.next.Sub(now), 0)
	st.next = now.Add(wait + st.crawlDelay)
	e.mu.Unlock()
	if wait == 0 {
		return nil
	}
	return e.s.sleep(ctx, wait)
}

// hostDelay is the delay the crawler keeps between two requests to a
// host: the configured one, or the host's Crawl-delay when larger.
func (e *engine) hostDelay(h string) time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return max(e.s.delay, e.host(h).crawlDelay)
}

// isTimeout reports whether a request ended for want of an answer in time.
func isTimeout(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	return strings.Contains(err.Error(), "Client.Timeout exceeded")
}
