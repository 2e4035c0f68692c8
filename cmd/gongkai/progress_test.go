package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// landingErrors counts, in a run's page files, the requests whose last
// attempt failed (the run's errors) and the failed attempts (which a
// retry may have made good).
func landingErrors(t *testing.T, run *landing.Run, units []string) (errors, failedAttempts, pages int) {
	t.Helper()
	for _, u := range units {
		var prev *landing.Page
		err := landing.ReadFile(run.UnitPath(u, landing.FilePages), func(p landing.Page) error {
			pages++
			if p.Outcome == landing.OutcomeFailed {
				failedAttempts++
			}
			if prev != nil && p.Attempt == 1 && prev.Outcome == landing.OutcomeFailed {
				errors++
			}
			prev = &p
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil && prev.Outcome == landing.OutcomeFailed {
			errors++
		}
	}
	return errors, failedAttempts, pages
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOneErrorCount crawls a farm whose pages fail, some once and some for
// good: the summary, the log lines and the progress tally give the same
// error count, and it is the landing files' count of requests that failed
// after their retries, not of failed attempts. Off a terminal the output
// is plain log lines.
func TestOneErrorCount(t *testing.T) {
	ctx := context.Background()
	farmOpts := sitefarm.Options{Seed: 3, Units: 2, AsOf: farmAsOf, ItemsPerColumn: 6,
		Faults: sitefarm.Faults{Rate: 0.15, Kinds: []string{"reset", "truncate", "404"}}}
	farm, cfgPath := farmWithConfig(t, farmOpts)
	te := newTestEnv(t, farmAsOf)
	te.log = slog.New(slog.NewTextHandler(&te.errOut, nil))
	if code := te.run(ctx, "crawl", "--config", cfgPath); code != exitOK {
		t.Fatalf("crawl: exit %d\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	out, logs := te.out.String(), te.errOut.String()

	m := regexp.MustCompile(`crawl run (\S+): \d+ units, \d+ items, \d+ letters, (\d+) pages, (\d+) errors, \d+ sources blocked`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in:\n%s", out)
	}
	runID, summaryPages, summaryErrors := m[1], atoi(t, m[2]), atoi(t, m[3])

	fin := regexp.MustCompile(`msg="crawl finished" .* pages=(\d+) errors=(\d+)`).FindStringSubmatch(logs)
	if fin == nil {
		t.Fatalf("no crawl finished line in:\n%s", logs)
	}
	unitErrors := 0
	for _, um := range regexp.MustCompile(`msg="unit done" .* errors=(\d+) `).FindAllStringSubmatch(logs, -1) {
		unitErrors += atoi(t, um[1])
	}

	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	run, err := landing.OpenRun(cfg.LandingDir(), runID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, u := range farm.Truth().Units {
		ids = append(ids, u.ID)
	}
	fileErrors, failedAttempts, filePages := landingErrors(t, run, ids)
	if fileErrors == 0 || failedAttempts <= fileErrors {
		t.Fatalf("the farm should fail some requests for good and some only at first: %d errors, %d failed attempts", fileErrors, failedAttempts)
	}
	counts := map[string]int{"summary": summaryErrors, "crawl finished log": atoi(t, fin[2]), "unit log lines": unitErrors}
	for where, n := range counts {
		if n != fileErrors {
			t.Errorf("%s says %d errors; the landing files have %d requests failed after retries (%d failed attempts)", where, n, fileErrors, failedAttempts)
		}
	}
	if summaryPages != filePages || atoi(t, fin[1]) != filePages {
		t.Errorf("pages: summary %d, log %s, landing files %d", summaryPages, fin[1], filePages)
	}
	// Off a terminal: log lines only, no bar, no carriage return, no escape.
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		if !strings.HasPrefix(line, "time=") || strings.ContainsAny(line, "\r\x1b") {
			t.Errorf("not a plain log line on a non-terminal: %q", line)
		}
	}

	// The tally a progress display receives ends at the same counts as the
	// run's manifest.
	var mu sync.Mutex
	var last crawl.Tally
	res, err := crawl.Run(ctx, crawl.Options{Config: cfg, Landing: filepath.Join(t.TempDir(), "landing"), Now: te.now,
		Logger: slog.New(slog.DiscardHandler), Progress: func(tl crawl.Tally) { mu.Lock(); last = tl; mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	var want crawl.Tally
	want.Units, want.UnitsDone = len(res.Manifest.Units), len(res.Manifest.Units)
	for _, u := range res.Manifest.Units {
		want.Pages += int64(u.Pages)
		want.Errors += int64(u.Failed)
	}
	if e, _, p := landingErrors(t, res.Run, ids); int64(e) != want.Errors || int64(p) != want.Pages {
		t.Errorf("manifest %+v, landing files %d errors %d pages", want, e, p)
	}
	mu.Lock()
	defer mu.Unlock()
	if last != want {
		t.Errorf("last progress tally %+v, manifest %+v", last, want)
	}
}

// lockedBuffer is a buffer safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestBarsKeepEveryLine draws the bars (on a buffer standing in for the
// terminal) and logs while they are live, up to just before they stop:
// every line comes out once and in order, and the crawl bar shows the
// tally it was given.
func TestBarsKeepEveryLine(t *testing.T) {
	var term lockedBuffer
	e := &env{stderr: &term, stdout: &term, tty: true, logs: &logSink{w: &term}}
	e.log = slog.New(slog.NewTextHandler(e.logs, nil))
	s := &stages{e: e}
	err := s.withBars(func() error {
		b := s.bars.add("crawl", "units", 2)
		for i := range 40 {
			e.log.Info("working", "n", i)
		}
		b.crawlTally(crawl.Tally{Units: 2, UnitsDone: 2, Pages: 7, Errors: 1})
		b.finish()
		r := s.bars.add("report", "workbooks", 0)
		// Both bars are done and drawn as done before the last line.
		b.bar.Wait()
		r.bar.Wait()
		e.log.Info("last line")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := term.String()
	at := 0
	for i := range 40 {
		line := "msg=working n=" + strconv.Itoa(i) + "\n"
		if n := strings.Count(out, line); n != 1 {
			t.Errorf("%q printed %d times", line, n)
		}
		j := strings.Index(out, line)
		if j < at {
			t.Errorf("%q out of order", line)
		}
		at = j
	}
	if !strings.Contains(out, "msg=\"last line\"") {
		t.Errorf("the line logged just before the bars stopped is lost:\n%s", out)
	}
	if !strings.Contains(out, "2/2 units") || !strings.Contains(out, "pages 7  errors 1") {
		t.Errorf("the crawl bar does not show its tally:\n%s", out)
	}
	if w := e.logs.swap(nil); w != &term {
		t.Errorf("logs still go to %T after the bars stopped", w)
	}
}
