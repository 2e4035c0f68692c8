package sitefarm

import (
	"net/http"
	"strconv"
	"time"
)

// response is a rendered answer before faults and encoding.
type response struct {
	status int
	ctype  string
	body   []byte
	header map[string]string
}

func (f *Farm) handler(u *unitModel) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.serve(u, w, r)
	})
}

func (f *Farm) serve(u *unitModel, w http.ResponseWriter, r *http.Request) {
	mode := f.mode()
	key := r.URL.RequestURI()
	rec := Request{Unit: u.id, Method: r.Method, Path: key, At: time.Now()}
	if err := r.ParseForm(); err != nil {
		rec.Status = http.StatusBadRequest
		f.record(rec)
		http.Error(w, "bad request", rec.Status)
		return
	}
	rt := routePath(u, mode, r.URL.Path, r.Form)

	if rt.faultable {
		kind := f.m.faultFor(u, key, rt.item != nil)
		switch {
		case kind == "404":
			rec.Status, rec.Fault = http.StatusNotFound, kind
			f.record(rec)
			f.write(u, w, notFound())
			return
		case kind != "" && f.attempt(u.id+" "+key):
			rec.Fault = kind
			if f.injectFault(u, w, r, mode, rt, kind, &rec) {
				if !rec.logged {
					f.record(rec)
				}
				return
			}
		}
	}
	resp := f.render(u, mode, rt, r)
	rec.Status = resp.status
	f.record(rec)
	f.write(u, w, resp)
}

// injectFault applies a fault; false means "now serve normally" (slow).
func (f *Farm) injectFault(u *unitModel, w http.ResponseWriter, r *http.Request, mode int, rt route, kind string, rec *Request) bool {
	switch kind {
	case "5xx":
		rec.Status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(rec.Status)
		w.Write([]byte("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"))
	case "reset":
		// Logged before the connection goes: a client sees the reset at
		// once and may read the log before this handler would return.
		rec.Status = 0
		f.record(*rec)
		rec.logged = true
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	case "truncate":
		resp := f.render(u, mode, rt, r)
		body := f.encode(u, resp)
		rec.Status = resp.status
		w.Header().Set("Content-Type", resp.ctype)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+1024))
		w.WriteHeader(resp.status)
		w.Write(body[:len(body)/2])
	case "slow":
		t := time.NewTimer(SlowDelay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
		return false
	default:
		return false
	}
	return true
}

func (f *Farm) write(u *unitModel, w http.ResponseWriter, resp response) {
	body := f.encode(u, resp)
	h := w.Header()
	h.Set("Content-Type", resp.ctype)
	for k, v := range resp.header {
		h.Set(k, v)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(resp.status)
	w.Write(body)
}

func notFound() response {
	return response{status: http.StatusNotFound, ctype: "text/html; charset=utf-8",
		body: []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p></body></html>")}
}
