package crawl

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/gongkai/gongkai/landing"
)

// progress shows how a run is going: a live line redrawn in place on a
// terminal, or a log line every few seconds and one per unit otherwise.
type progress struct {
	w       io.Writer // nil: log only
	log     *slog.Logger
	total   int
	stats   *counters
	start   time.Time
	every   time.Duration
	done    chan struct{}
	stopped sync.Once
	mu      sync.Mutex
}

const (
	liveEvery = 250 * time.Millisecond
	logEvery  = 5 * time.Second
)

func newProgress(w io.Writer, log *slog.Logger, total int, stats *counters) *progress {
	p := &progress{log: log, total: total, stats: stats, start: time.Now(), every: logEvery, done: make(chan struct{})}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.w = w
		p.every = liveEvery
	}
	go p.loop()
	return p
}

func (p *progress) loop() {
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
			p.tick()
		}
	}
}

func (p *progress) tick() {
	pages := p.stats.pages.Load()
	rate := float64(pages) / max(time.Since(p.start).Seconds(), 0.001)
	if p.w != nil {
		p.mu.Lock()
		fmt.Fprintf(p.w, "\r\x1b[Kunits %d/%d  pages %d  errors %d  %.1f pages/s",
			p.stats.unitsDone.Load(), p.total, pages, p.stats.failed.Load(), rate)
		p.mu.Unlock()
		return
	}
	p.log.Info("crawl progress", "units_done", p.stats.unitsDone.Load(), "units", p.total,
		"pages", pages, "errors", p.stats.failed.Load(), "pages_per_s", fmt.Sprintf("%.1f", rate))
}

// unit reports one finished unit.
func (p *progress) unit(st landing.UnitStatus, took time.Duration) {
	if p.w != nil {
		if st.Error == "" {
			return
		}
		p.mu.Lock()
		fmt.Fprintf(p.w, "\r\x1b[K%s: %s\n", st.UnitID, st.Error)
		p.mu.Unlock()
		return
	}
	args := []any{"unit", st.UnitID, "items", st.Items, "letters", st.Letters, "pages", st.Pages,
		"failed", st.Failed, "blocked", st.Blocked, "took", took.Round(time.Millisecond)}
	if st.Error != "" {
		p.log.Warn("unit failed", append(args, "err", st.Error)...)
		return
	}
	p.log.Info("unit done", args...)
}

func (p *progress) stop() {
	p.stopped.Do(func() {
		close(p.done)
		if p.w != nil {
			p.tick()
			p.mu.Lock()
			fmt.Fprintln(p.w)
			p.mu.Unlock()
		}
	})
}
