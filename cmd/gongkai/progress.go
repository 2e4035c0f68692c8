package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/landing"
)

// logSink is the log handler's output: standard error, or the bars'
// container while bars are drawn, which prints each line above the bars
// instead of over them.
type logSink struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *logSink) Write(b []byte) (int, error) {
	s.mu.Lock()
	w := s.w
	s.mu.Unlock()
	return w.Write(b)
}

// swap makes w the destination and returns the one before.
func (s *logSink) swap(w io.Writer) io.Writer {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.w
	s.w = w
	return old
}

// isTerminal reports whether w is a terminal, where progress is drawn as
// bars; anywhere else (a file, a pipe, a test's buffer) it is log lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// roomForBars reports whether the terminal w has a known size large enough
// for the stages' bars; a terminal of no size (some consoles and
// pseudo-terminals report 0×0) would show none of them.
func roomForBars(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	cols, rows, err := term.GetSize(int(f.Fd()))
	return err == nil && cols >= 40 && rows >= 8
}

// bars shows a batch's stages on a terminal: one bar a stage, each with
// what it has done of what it has to do; log lines print above them. A
// nil *bars draws nothing, so the stages call it unconditionally.
type bars struct {
	p       *mpb.Progress
	sinks   []*logSink
	backs   []io.Writer // where each sink writes once the bars are gone
	refresh chan any
	quit    chan struct{}
	mu      sync.Mutex
	stage   []*stageBar
}

// startBars draws bars on the env's standard error when it is a terminal
// whose log lines can be routed above them; nil otherwise.
func (e *env) startBars() *bars {
	if !e.tty || e.logs == nil {
		return nil
	}
	// Refreshes are ours to send: stop sends a last one after the last
	// line written, which mpb would otherwise drop once every bar is done.
	refresh := make(chan any)
	// Not bound to ctx: an interrupted batch still logs why it stopped,
	// and stop ends the bars in every case.
	b := &bars{p: mpb.New(mpb.WithOutput(e.stderr), mpb.WithWidth(100), mpb.WithManualRefresh(refresh)),
		refresh: refresh, quit: make(chan struct{})}
	go b.tick()
	for _, s := range []*logSink{e.logs, e.outs} {
		if s != nil {
			b.sinks = append(b.sinks, s)
			b.backs = append(b.backs, s.swap(b.p))
		}
	}
	return b
}

// stop finishes every bar still open and hands the terminal back to the
// log lines.
func (b *bars) stop() {
	if b == nil {
		return
	}
	b.mu.Lock()
	for _, s := range b.stage {
		s.finish()
	}
	b.mu.Unlock()
	for i, s := range b.sinks {
		s.swap(b.backs[i])
	}
	// Every line written so far is in the container; this refresh prints it.
	b.refresh <- time.Now()
	b.p.Wait()
	close(b.quit)
}

// tick asks for a redraw several times a second until the bars stop.
func (b *bars) tick() {
	t := time.NewTicker(150 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			select {
			case b.refresh <- now:
			case <-b.quit:
				return
			}
		case <-b.quit:
			return
		}
	}
}

// stageBar is one stage's bar: done of total (units, runs, workbooks),
// and for the crawl its pages and errors.
type stageBar struct {
	bar    *mpb.Bar
	pages  atomic.Int64
	errors atomic.Int64
	crawl  bool
}

// add starts the bar of a stage that has total things to do.
func (b *bars) add(name, what string, total int) *stageBar {
	if b == nil {
		return nil
	}
	s := &stageBar{crawl: name == "crawl"}
	s.bar = b.p.AddBar(int64(max(total, 1)),
		mpb.PrependDecorators(
			decor.Name(name, decor.WC{C: decor.DindentRight | decor.DextraSpace, W: 8}),
			decor.CountersNoUnit("%d/%d "+what, decor.WCSyncWidth),
		),
		mpb.AppendDecorators(
			decor.Any(func(decor.Statistics) string {
				if !s.crawl {
					return ""
				}
				return fmt.Sprintf("pages %d  errors %d", s.pages.Load(), s.errors.Load())
			}, decor.WCSyncSpaceR),
			decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO, decor.WC{W: 6}), "done"),
		),
	)
	if total == 0 {
		s.finish()
	}
	b.mu.Lock()
	b.stage = append(b.stage, s)
	b.mu.Unlock()
	return s
}

// crawlTally is the crawl's progress callback: the bar shows the crawl's
// own Tally, the counts its logs and the manifest carry.
func (s *stageBar) crawlTally(t crawl.Tally) {
	if s == nil {
		return
	}
	s.pages.Store(t.Pages)
	s.errors.Store(t.Errors)
	if t.Units > 0 {
		s.bar.SetTotal(int64(t.Units), false)
	}
	s.bar.SetCurrent(int64(t.UnitsDone))
}

// unit counts a unit a fleet worker finished, with its pages and errors.
func (s *stageBar) unit(st landing.UnitStatus) {
	if s == nil {
		return
	}
	s.pages.Add(int64(st.Pages))
	s.errors.Add(int64(st.Failed))
	s.bar.Increment()
}

// done counts one more thing done.
func (s *stageBar) done() {
	if s != nil {
		s.bar.Increment()
	}
}

// finish completes the bar at whatever it reached.
func (s *stageBar) finish() {
	if s != nil && !s.bar.Completed() && !s.bar.Aborted() {
		s.bar.SetTotal(-1, true)
	}
}

// withBars runs fn with the stages' bars drawn, unless they already are.
func (s *stages) withBars(fn func() error) error {
	if s.bars != nil {
		return fn()
	}
	s.bars = s.e.startBars()
	defer func() {
		s.bars.stop()
		s.bars = nil
	}()
	return fn()
}
