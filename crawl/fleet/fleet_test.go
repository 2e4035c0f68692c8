package fleet_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/crawl/fleet"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/internal/redistest"
	"github.com/gongkai/gongkai/landing"
)

// farmConfig is the farm's units as the demo writes them (the farm's one
// writer of its config), with the delay between two requests to one host.
func farmConfig(tb testing.TB, tr *sitefarm.Truth, delay time.Duration) *config.Config {
	tb.Helper()
	return parseConfig(tb, farmYAML(tb, tr, delay))
}

func farmYAML(tb testing.TB, tr *sitefarm.Truth, delay time.Duration) string {
	tb.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "crawl:\n  user_agent: gongkai-test/1\n  parallelism: 1\n  units: 2\n  timeout: 10s\n  retries: 2\n"+
		"  max_pages: 500\n  overlap: 3\n  allow_private: true\n  delay: %s\n", delay)
	if err := tr.WriteUnitsYAML(&b); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

func parseConfig(tb testing.TB, yaml string) *config.Config {
	tb.Helper()
	cfg, err := config.Parse("farm.yaml", []byte(yaml))
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

func startFarm(tb testing.TB, opts sitefarm.Options) *sitefarm.Farm {
	tb.Helper()
	f := sitefarm.New(opts)
	if err := f.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(f.Close)
	return f
}

func logger() *slog.Logger {
	if os.Getenv("FLEET_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func options(cfg *config.Config, root string, asOf time.Time) crawl.Options {
	return crawl.Options{Config: cfg, Landing: root, Logger: logger(),
		Now:       func() time.Time { return asOf.Add(10 * time.Hour) },
		RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond}
}

// crawlFunc crawls one unit the way `gongkai worker` does.
func crawlFunc(o crawl.Options, lim *fleet.Limiter) fleet.CrawlFunc {
	return func(ctx context.Context, runID, unitID string) (landing.UnitStatus, error) {
		o := o
		o.RunID, o.Units = runID, []string{unitID}
		if lim != nil {
			o.HostWait = lim.Wait
		}
		sts, err := crawl.CrawlUnits(ctx, o)
		if err != nil {
			return landing.UnitStatus{UnitID: unitID}, err
		}
		return sts[0], nil
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// normalized reads every record of a run's units as JSON objects without
// the fields that name the run or time the crawl, one sorted list per file.
func normalized(tb testing.TB, run *landing.Run, units []string, skip func(file string, rec map[string]any) bool) map[string][]string {
	tb.Helper()
	out := map[string][]string{}
	for _, u := range units {
		for _, file := range landing.UnitFiles {
			must(tb, landing.ReadFile(run.UnitPath(u, file), func(raw json.RawMessage) error {
				var m map[string]any
				if err := json.Unmarshal(raw, &m); err != nil {
					return err
				}
				if skip != nil && skip(file, m) {
					return nil
				}
				for _, k := range []string{"run_id", "seen_at", "fetched_at", "finished_at", "duration_ms"} {
					delete(m, k)
				}
				b, _ := json.Marshal(m)
				out[file] = append(out[file], string(b))
				return nil
			}))
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// fleetRun crawls the units of cfg through the fleet with the given
// workers already started, and finishes the run.
func fleetRun(t *testing.T, rdb *redis.Client, o crawl.Options, runID string) (*crawl.Result, map[string]fleet.Result) {
	t.Helper()
	ctx := context.Background()
	o.RunID = runID
	run, todo, err := crawl.Prepare(ctx, o)
	must(t, err)
	job := fleet.Job{RunID: run.ID, ConfigSHA256: crawl.ConfigHash(o.Config), Landing: o.Landing, Units: todo}
	must(t, fleet.Submit(ctx, rdb, "", job))
	results, err := fleet.Wait(ctx, rdb, "", run.ID, todo, nil)
	must(t, err)
	failed := map[string]string{}
	for u, r := range results {
		if r.Failed() {
			failed[u] = r.Message()
		}
	}
	o.RunID = run.ID
	res, err := crawl.Finish(ctx, o, failed)
	must(t, err)
	return res, results
}

func startWorkers(t *testing.T, url string, n int, o crawl.Options, lim *fleet.Limiter, lease time.Duration) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		rdb, err := fleet.Open(ctx, url)
		must(t, err)
		w := &fleet.Worker{Redis: rdb, Name: fmt.Sprintf("w%d", i+1), ConfigSHA256: crawl.ConfigHash(o.Config),
			Crawl: crawlFunc(o, lim), Lease: lease, Logger: logger()}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer rdb.Close()
			if err := w.Run(ctx); err != nil {
				t.Errorf("worker %s: %v", w.Name, err)
			}
		}()
	}
	return func() { cancel(); wg.Wait() }
}

// TestFleetEqualsOneProcess crawls the farm once in one process and once
// with three workers: the landing records are the same, and every unit's
// result reached the coordinator.
func TestFleetEqualsOneProcess(t *testing.T) {
	url := redistest.Start(t)
	f := startFarm(t, sitefarm.Options{Units: 4})
	tr := f.Truth()
	cfg := farmConfig(t, tr, 0)
	units := unitIDs(cfg)

	one := t.TempDir()
	ref, err := crawl.Run(context.Background(), options(cfg, one, tr.AsOf))
	must(t, err)

	rdb, err := fleet.Open(context.Background(), url)
	must(t, err)
	defer rdb.Close()
	root := t.TempDir()
	stop := startWorkers(t, url, 3, options(cfg, root, tr.AsOf), nil, 10*time.Second)
	got, results := fleetRun(t, rdb, options(cfg, root, tr.AsOf), ref.Run.ID)
	stop()

	if !got.Manifest.Complete || len(got.Failed) != 0 {
		t.Fatalf("fleet run complete=%v failed=%v", got.Manifest.Complete, got.Failed)
	}
	if diff := cmp.Diff(normalized(t, ref.Run, units, nil), normalized(t, got.Run, units, nil)); diff != "" {
		t.Errorf("landing records (-one process +fleet):\n%s", diff)
	}
	for _, u := range ref.Manifest.Units {
		r := results[u.UnitID]
		if r.Status.Items != u.Items || r.Status.Letters != u.Letters || r.Status.Pages != u.Pages {
			t.Errorf("unit %s: fleet reported %d items, %d letters, %d pages; one process %d, %d, %d",
				u.UnitID, r.Status.Items, r.Status.Letters, r.Status.Pages, u.Items, u.Letters, u.Pages)
		}
	}
	if diff := cmp.Diff(ref.Manifest.Units, got.Manifest.Units); diff != "" {
		t.Errorf("manifest units (-one process +fleet):\n%s", diff)
	}
}

func unitIDs(cfg *config.Config) []string {
	var ids []string
	for _, u := range cfg.Units {
		ids = append(ids, u.ID)
	}
	return ids
}

// TestFleetKeepsHostDelay gives two units on each of two hosts to three
// workers: the farm's log shows no host served two requests closer than
// the delay, though two workers crawled it at once.
func TestFleetKeepsHostDelay(t *testing.T) {
	url := redistest.Start(t)
	f := startFarm(t, sitefarm.Options{Units: 2, ItemsPerColumn: 2})
	tr := f.Truth()
	const delay = 40 * time.Millisecond
	cfg := farmConfig(t, tr, delay)
	// A second unit on each host: an office's units often share one portal.
	for _, u := range slices.Clone(cfg.Units) {
		twin := u
		twin.ID, twin.Name = u.ID+"b", u.Name+"（二）"
		cfg.Units = append(cfg.Units, twin)
	}
	rdb, err := fleet.Open(context.Background(), url)
	must(t, err)
	defer rdb.Close()
	root := t.TempDir()
	lim := fleet.NewLimiter(rdb, "", logger())
	stop := startWorkers(t, url, 3, options(cfg, root, tr.AsOf), lim, 10*time.Second)
	got, results := fleetRun(t, rdb, options(cfg, root, tr.AsOf), "")
	stop()
	if len(got.Failed) != 0 {
		t.Fatalf("failed units: %v", got.Failed)
	}
	workers := map[string]bool{}
	for _, r := range results {
		workers[r.Worker] = true
	}
	if len(workers) < 2 {
		t.Fatalf("only %d worker took units; the test needs hosts crawled by two at once", len(workers))
	}
	byHost := map[string][]time.Time{}
	for _, r := range f.Requests() {
		byHost[r.Unit] = append(byHost[r.Unit], r.At)
	}
	for host, at := range byHost {
		slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
		// The limiter spaces its grants by the delay, timed by Redis; what
		// reaches the server is shifted by the time each request takes to
		// be sent, which on a busy machine can be a delay or two. So no
		// gap between two requests is checked, but every run of k requests
		// must span (k-1) delays less that slack: two workers sharing a
		// host without the limiter send about twice as fast and fail this.
		const k, slack = 8, 2 * delay
		for i := 0; i+k <= len(at); i++ {
			if span := at[i+k-1].Sub(at[i]); span < (k-1)*delay-slack {
				t.Errorf("host %s: requests %d to %d within %v; %d requests %v apart need at least %v", host, i, i+k-1, span, k, delay, (k-1)*delay-slack)
			}
		}
		if span, want := at[len(at)-1].Sub(at[0]), time.Duration(len(at)-1)*delay-slack; span < want {
			t.Errorf("host %s: %d requests in %v, the delay allows no fewer than %v", host, len(at), span, want)
		}
	}
}

const childEnv = "GONGKAI_FLEET_CHILD"

type childSpec struct {
	Redis   string
	Landing string
	AsOf    time.Time
	Config  string // the config file's text, so the child hashes the same config
}

// TestFleetWorkerChild is the worker TestFleetWorkerKilled kills. It does
// nothing in a normal test run.
func TestFleetWorkerChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("runs only as the child of TestFleetWorkerKilled")
	}
	b, err := os.ReadFile(path)
	must(t, err)
	var spec childSpec
	must(t, json.Unmarshal(b, &spec))
	cfg := parseConfig(t, spec.Config)
	rdb, err := fleet.Open(context.Background(), spec.Redis)
	must(t, err)
	w := &fleet.Worker{Redis: rdb, Name: "child", ConfigSHA256: crawl.ConfigHash(cfg),
		Crawl: crawlFunc(options(cfg, spec.Landing, spec.AsOf), nil), Lease: time.Second, Logger: logger()}
	must(t, w.Run(context.Background()))
}

// TestFleetWorkerKilled SIGKILLs a worker in the middle of a unit: another
// worker takes the unit over after the lease, resumes it from its journal,
// and the run's records equal one process's, none lost or twice.
func TestFleetWorkerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	url := redistest.Start(t)
	f := startFarm(t, sitefarm.Options{Units: 3})
	tr := f.Truth()
	yaml := farmYAML(t, tr, 0)
	cfg := parseConfig(t, yaml)
	units := unitIDs(cfg)

	one := t.TempDir()
	ref, err := crawl.Run(context.Background(), options(cfg, one, tr.AsOf))
	must(t, err)
	total := len(f.Requests())
	f.ResetRequests()

	rdb, err := fleet.Open(context.Background(), url)
	must(t, err)
	defer rdb.Close()
	root := t.TempDir()
	o := options(cfg, root, tr.AsOf)
	o.RunID = ref.Run.ID
	run, todo, err := crawl.Prepare(context.Background(), o)
	must(t, err)
	must(t, fleet.Submit(context.Background(), rdb, "", fleet.Job{RunID: run.ID, ConfigSHA256: crawl.ConfigHash(cfg), Landing: root, Units: todo}))

	spec, err := json.Marshal(childSpec{Redis: url, Landing: root, AsOf: tr.AsOf, Config: yaml})
	must(t, err)
	specPath := filepath.Join(t.TempDir(), "child.json")
	must(t, os.WriteFile(specPath, spec, 0o644))
	cmd := exec.Command(os.Args[0], "-test.run=^TestFleetWorkerChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+specPath)
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill the child once it is well into its first unit: some of the
	// unit's pages are journaled, the unit is not finished.
	var first string
	for first == "" {
		select {
		case err := <-exited:
			t.Fatalf("child ended before it was killed: %v", err)
		case <-time.After(time.Millisecond):
		}
		if reqs := f.Requests(); len(reqs) >= 40 {
			first = reqs[0].Unit
		}
	}
	must(t, cmd.Process.Kill())
	<-exited
	before := len(f.Requests())
	if run.UnitDone(first) {
		t.Fatalf("unit %s finished before the kill; the kill came too late", first)
	}

	stop := startWorkers(t, url, 2, o, nil, time.Second)
	results, err := fleet.Wait(context.Background(), rdb, "", run.ID, todo, nil)
	must(t, err)
	stop()
	if r := results[first]; r.Worker == "child" || r.Failed() {
		t.Errorf("unit %s: finished by %q, failed=%v (%s); want another worker, no failure", first, r.Worker, r.Failed(), r.Message())
	}
	got, err := crawl.Finish(context.Background(), o, nil)
	must(t, err)
	if diff := cmp.Diff(normalized(t, ref.Run, units, nil), normalized(t, got.Run, units, nil)); diff != "" {
		t.Errorf("landing records (-one process +fleet with a killed worker):\n%s", diff)
	}
	after := len(f.Requests()) - before
	// Pages saved before the kill are replayed from the journal: at most
	// the requests in flight at the kill are made twice.
	if slack := 4; before+after > total+slack {
		t.Errorf("the killed worker made %d requests and the others %d; one process makes %d", before, after, total)
	}
	if n, err := filepath.Glob(filepath.Join(run.Dir, "journal", "*")); err != nil || len(n) != 0 {
		t.Errorf("journals left after the run: %v %v", n, err)
	}
	if strings.Contains(fmt.Sprint(got.Failed), first) {
		t.Errorf("unit %s failed: %v", first, got.Failed)
	}
}
