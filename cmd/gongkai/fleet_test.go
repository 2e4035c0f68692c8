package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/internal/redistest"
)

// TestRunWithWorkers runs the monthly batch with its crawl spread over two
// `gongkai worker` processes' worth of workers: the workbook's counts are
// the truth's, as with one process, and `status` reports the finished run.
func TestRunWithWorkers(t *testing.T) {
	url := redistest.Start(t)
	ctx := context.Background()
	farm, cfgPath := farmWithConfig(t, sitefarm.Options{Seed: 1, Units: 4, AsOf: farmAsOf})
	dir := filepath.Dir(cfgPath)

	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	workers := make([]*testEnv, 2)
	codes := make([]int, 2)
	for i := range workers {
		workers[i] = newTestEnv(t, farmAsOf)
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = workers[i].run(wctx, "worker", "--config", cfgPath, "--redis", url, "--name", []string{"a", "b"}[i])
		}()
	}
	te := newTestEnv(t, farmAsOf)
	code := te.run(ctx, "run", "--config", cfgPath, "--period", "2026-10", "--redis", url, "--per-unit=false")
	stop()
	wg.Wait()
	if code != 0 {
		t.Fatalf("run --redis: exit %d\n%s\n%s", code, te.out.String(), te.errOut.String())
	}
	for i, c := range codes {
		// A worker stopped by its context exits as an interrupted command.
		if c != exitSignal {
			t.Errorf("worker %d: exit %d, want %d\n%s", i, c, exitSignal, workers[i].errOut.String())
		}
	}
	if n := strings.Count(te.out.String(), " done ("); n != 4 {
		t.Errorf("run --redis reported %d units done, want 4:\n%s", n, te.out.String())
	}
	oct := filepath.Join(dir, "data", "reports", "政务公开考核_2026-10.xlsx")
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 10, 31, 0, 0, 0, 0, shanghai)
	checkWorkbookCounts(t, oct, farm.Truth(), expectedCounts(farm.Truth(), from, to))

	st := newTestEnv(t, farmAsOf)
	if code := st.run(ctx, "status", "--redis", url); code != 0 {
		t.Fatalf("status: exit %d\n%s", code, st.errOut.String())
	}
	if !strings.Contains(st.out.String(), "4 of 4 units done, 0 failed, 0 waiting or in progress") {
		t.Errorf("status:\n%s", st.out.String())
	}
}
