package sitefarm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Farm is a set of simulated unit websites. Create it with New, serve it
// with Start, stop it with Close.
type Farm struct {
	m     *model
	later atomic.Bool

	cases []*caseServer

	mu       sync.Mutex
	servers  []*http.Server
	attempts map[string]int
	log      []Request
	started  bool
	addrs    []string // addresses of the units, in order; empty: free loopback ports
}

// New generates the farm's truth deterministically from opts. It does no
// I/O.
func New(opts Options) *Farm {
	opts = opts.withDefaults()
	return &Farm{m: generate(opts), attempts: map[string]int{}}
}

// Listen makes Start serve unit i on addrs[i] (host:port on a loopback
// address) instead of a free port, so a farm started again keeps the URLs
// of an earlier one. It must be called before Start.
func (f *Farm) Listen(addrs []string) {
	f.mu.Lock()
	f.addrs = addrs
	f.mu.Unlock()
}

// Start serves every unit on its own listener on 127.0.0.1 (its own
// host:port, like real sites on their own domains).
func (f *Farm) Start() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.started {
		return errors.New("farm already started")
	}
	lns := make([]net.Listener, len(f.m.units))
	bases := make([]string, len(f.m.units))
	if len(f.addrs) > 0 && len(f.addrs) != len(f.m.units) {
		return fmt.Errorf("farm has %d units and %d listen addresses", len(f.m.units), len(f.addrs))
	}
	for i := range f.m.units {
		addr := "127.0.0.1:0"
		if len(f.addrs) > 0 {
			addr = f.addrs[i]
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			for _, l := range lns[:i] {
				l.Close()
			}
			return fmt.Errorf("listen for unit %s: %w", f.m.units[i].id, err)
		}
		lns[i] = ln
		bases[i] = "http://" + ln.Addr().String()
	}
	f.m.setBases(bases)
	for i, u := range f.m.units {
		srv := &http.Server{
			Handler:           f.handler(u),
			ReadHeaderTimeout: 10 * time.Second,
			ErrorLog:          quietLog,
		}
		f.servers = append(f.servers, srv)
		go srv.Serve(lns[i])
	}
	if f.m.opts.VerdictCases {
		if err := f.startCases(); err != nil {
			return err
		}
	}
	f.started = true
	return nil
}

// listen serves h on a new listener on 127.0.0.1.
func (f *Farm) listen(h http.HandlerFunc) (*http.Server, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: quietLog}
	go srv.Serve(ln)
	return srv, "http://" + ln.Addr().String(), nil
}

// Close stops every server and waits for handlers in flight.
func (f *Farm) Close() {
	f.mu.Lock()
	servers := f.servers
	f.servers = nil
	f.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range servers {
		if err := s.Shutdown(ctx); err != nil {
			s.Close()
		}
	}
}

// SetLater switches the farm, in place (same ports), to the same farm one
// month on (later = true) and back.
func (f *Farm) SetLater(later bool) { f.later.Store(later) }

func (f *Farm) mode() int {
	if f.later.Load() {
		return modeLater
	}
	return modeNormal
}

// Truth is the truth of the current mode. URLs are absolute after Start
// (paths before). The returned values are shared: do not modify them.
func (f *Farm) Truth() *Truth { return f.m.truth[f.mode()] }

// Requests returns a copy of the log of every request served so far.
func (f *Farm) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.log...)
}

// ResetRequests empties the request log. Fault attempt counters are kept:
// a URL that has recovered stays recovered.
func (f *Farm) ResetRequests() {
	f.mu.Lock()
	f.log = nil
	f.mu.Unlock()
}

func (f *Farm) record(r Request) {
	f.mu.Lock()
	f.log = append(f.log, r)
	f.mu.Unlock()
}
