package crawl

import (
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gongkai/gongkai/landing"
)

// Tally is how far a run has got. Its counts are the manifest's: Pages is
// what the units' pages.ndjson.gz files record (every attempt of every
// request), Errors the requests that still failed after their retries
// (the sum of UnitStatus.Failed). Progress displays, logs and summaries
// all show these, so one run reports one error count.
type Tally struct {
	Units     int
	UnitsDone int
	Pages     int64
	Errors    int64
}

// progress reports how a run is going: to Options.Progress several times a
// second when set, else as a log line every few seconds; and one log line
// per finished unit either way.
type progress struct {
	log     *slog.Logger
	total   int
	stats   *counters
	start   time.Time
	notify  func(Tally)
	done    chan struct{}
	stopped sync.Once
}

const (
	notifyEvery = 200 * time.Millisecond
	logEvery    = 5 * time.Second
)

func newProgress(notify func(Tally), log *slog.Logger, total int, stats *counters) *progress {
	p := &progress{log: log, total: total, stats: stats, start: time.Now(), notify: notify, done: make(chan struct{})}
	go p.loop()
	return p
}

func (p *progress) tally() Tally {
	return Tally{Units: p.total, UnitsDone: int(p.stats.unitsDone.Load()), Pages: p.stats.pages.Load(), Errors: p.stats.failed.Load()}
}

func (p *progress) loop() {
	every := logEvery
	if p.notify != nil {
		every = notifyEvery
	}
	t := time.NewTicker(every)
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
	t := p.tally()
	if p.notify != nil {
		p.notify(t)
		return
	}
	rate := float64(t.Pages) / max(time.Since(p.start).Seconds(), 0.001)
	p.log.Info("crawl progress", "units_done", t.UnitsDone, "units", t.Units,
		"pages", t.Pages, "errors", t.Errors, "pages_per_s", fmt.Sprintf("%.1f", rate))
}

// unit reports one finished unit.
func (p *progress) unit(st landing.UnitStatus, took time.Duration) {
	args := []any{"unit", st.UnitID, "items", st.Items, "letters", st.Letters, "pages", st.Pages,
		"errors", st.Failed, "blocked", st.Blocked, "took", took.Round(time.Millisecond)}
	if st.Error != "" {
		p.log.Warn("unit failed", append(args, "err", st.Error)...)
	} else {
		p.log.Info("unit done", args...)
	}
	if p.notify != nil {
		p.notify(p.tally())
	}
}

func (p *progress) stop() {
	p.stopped.Do(func() {
		close(p.done)
		if p.notify != nil {
			p.notify(p.tally())
		}
	})
}
