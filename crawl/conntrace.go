package crawl

import (
	"errors"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
)

// net/http silently resends an idempotent request when a reused
// connection dies before any answer. The server saw a request; so must the
// attempt records. connTrace counts the connections a round trip used and
// reports the silent resends.
type connTrace struct{ inner http.RoundTripper }

// resendHeader carries the number of silent resends on a response.
const resendHeader = "X-Gongkai-Resends"

// resendError carries the number of silent resends on a failed round trip.
type resendError struct {
	resends int
	err     error
}

func (e *resendError) Error() string { return e.err.Error() }
func (e *resendError) Unwrap() error { return e.err }

func (t connTrace) RoundTrip(req *http.Request) (*http.Response, error) {
	var conns atomic.Int32
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { conns.Add(1) }}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	resp, err := t.inner.RoundTrip(req)
	n := int(conns.Load()) - 1
	if n <= 0 {
		return resp, err
	}
	if err != nil {
		return resp, &resendError{resends: n, err: err}
	}
	resp.Header.Set(resendHeader, strconv.Itoa(n))
	return resp, nil
}

// resends reads the silent resends of an answer or error.
func resends(h http.Header, err error) int {
	if re, ok := errors.AsType[*resendError](err); ok {
		return re.resends
	}
	n, _ := strconv.Atoi(h.Get(resendHeader))
	return n
}

const resendMessage = "connection closed before any answer; resent at once by the HTTP client"
