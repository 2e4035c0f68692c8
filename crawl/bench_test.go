package crawl

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// The benchmark farm: 100 units, about 55,000 pages.
var benchFarm = sitefarm.Options{Units: 100, ItemsPerColumn: 70}

// sharedFarm is the benchmark farm, started once per process and shared
// by both benchmarks so they fetch the very same URLs. It is never closed:
// it lives as long as the benchmark process.
func sharedFarm(b *testing.B) *sitefarm.Farm {
	b.Helper()
	farmOnce.Do(func() {
		farm = sitefarm.New(benchFarm)
		farmErr = farm.Start()
	})
	if farmErr != nil {
		b.Fatal(farmErr)
	}
	return farm
}

var (
	farmOnce sync.Once
	farm     *sitefarm.Farm
	farmErr  error
)

// Concurrency shared by BenchmarkCrawl and BenchmarkFloor.
const (
	benchUnits       = 16
	benchParallelism = 4
)

func benchConfig(tr *sitefarm.Truth) *config.Config {
	cfg := farmConfig(tr)
	cfg.Crawl.Units = benchUnits
	cfg.Crawl.Parallelism = benchParallelism
	cfg.Crawl.Delay = config.NewDuration(0)
	return cfg
}

// BenchmarkCrawl crawls the benchmark farm end to end (landing files and
// snapshots included) and reports pages/s and the peak resident memory
// of the crawl (the farm's own memory is the baseline it starts from).
//
//	go test ./crawl -run '^$' -bench 'Crawl|Floor' -benchtime 1x
func BenchmarkCrawl(b *testing.B) {
	if testing.Short() {
		b.Skip("crawls 50,000 pages")
	}
	f := sharedFarm(b)
	tr := f.Truth()
	cfg := benchConfig(tr)
	rec := newRecorder(newTransport(newSettings(cfg, nil, nil, 0, 0)))
	base := resetPeakRSS()
	var pages int64
	var elapsed, cpu time.Duration
	for b.Loop() {
		root := testRoot(b)
		f.ResetRequests()
		rec.reset()
		o := testOptions(b, cfg, root, tr.AsOf)
		o.Transport = rec
		start, cpu0 := time.Now(), cpuTime()
		res := runCrawl(b, o)
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		for _, u := range res.Manifest.Units {
			pages += int64(u.Pages)
		}
		if len(res.Failed) != 0 {
			b.Fatalf("failed units: %v", res.Failed)
		}
		b.StopTimer()
		os.RemoveAll(root)
		b.StartTimer()
	}
	benchRequests.Store(rec)
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(pages), "cpu-ms/page")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-MiB")
		b.ReportMetric(float64(hwm-base)/(1<<20), "peak-over-farm-MiB")
	}
}

// BenchmarkFloor fetches the pages BenchmarkCrawl fetches with plain
// net/http and parses each with goquery, at the same concurrency (units at
// once, requests at once per unit), writing nothing: the floor the
// crawler's pages/s is measured against.
func BenchmarkFloor(b *testing.B) {
	if testing.Short() {
		b.Skip("fetches 50,000 pages")
	}
	tr := sharedFarm(b).Truth()
	// The page list is exactly what a crawl of the same farm requests: the
	// one BenchmarkCrawl recorded when it ran first, else a crawl now.
	rec := benchRequests.Load()
	if rec == nil {
		rec = newRecorder(http.DefaultTransport)
		o := testOptions(b, benchConfig(tr), testRoot(b), tr.AsOf)
		o.Transport = rec
		runCrawl(b, o)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchParallelism + 1}, Timeout: 10 * time.Second}
	var pages int64
	var elapsed, cpu time.Duration
	for b.Loop() {
		start, cpu0 := time.Now(), cpuTime()
		pages += floorCrawl(client, rec.hosts, rec.byHost)
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
	}
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(pages), "cpu-ms/page")
}

type floorRequest struct {
	method, url, body string
}

// benchRequests holds the requests of the last BenchmarkCrawl.
var benchRequests atomic.Pointer[recorder]

// recorder is a transport that notes every request, by host.
type recorder struct {
	inner  http.RoundTripper
	mu     sync.Mutex
	hosts  []string
	byHost map[string][]floorRequest
}

func newRecorder(inner http.RoundTripper) *recorder {
	return &recorder{inner: inner, byHost: map[string][]floorRequest{}}
}

func (r *recorder) reset() {
	r.mu.Lock()
	r.hosts, r.byHost = nil, map[string][]floorRequest{}
	r.mu.Unlock()
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	fr := floorRequest{method: req.Method, url: req.URL.String()}
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			b, _ := io.ReadAll(rc)
			fr.body = string(b)
		}
	}
	r.mu.Lock()
	if _, ok := r.byHost[req.URL.Host]; !ok {
		r.hosts = append(r.hosts, req.URL.Host)
	}
	r.byHost[req.URL.Host] = append(r.byHost[req.URL.Host], fr)
	r.mu.Unlock()
	return r.inner.RoundTrip(req)
}

func floorCrawl(client *http.Client, hosts []string, byHost map[string][]floorRequest) int64 {
	var (
		wg    sync.WaitGroup
		pages atomic.Int64
	)
	sem := make(chan struct{}, benchUnits)
	for _, h := range hosts {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			jobs := make(chan floorRequest)
			var uw sync.WaitGroup
			for range benchParallelism {
				uw.Add(1)
				go func() {
					defer uw.Done()
					for r := range jobs {
						if floorFetch(client, r) {
							pages.Add(1)
						}
					}
				}()
			}
			for _, r := range byHost[h] {
				jobs <- r
			}
			close(jobs)
			uw.Wait()
		}()
	}
	wg.Wait()
	return pages.Load()
}

func floorFetch(client *http.Client, r floorRequest) bool {
	var resp *http.Response
	var err error
	if r.method == http.MethodPost {
		resp, err = client.Post(r.url, "application/x-www-form-urlencoded", strings.NewReader(r.body))
	} else {
		resp, err = client.Get(r.url)
	}
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, err = goquery.NewDocumentFromReader(resp.Body)
	return err == nil
}

// cpuTime is the CPU time (user and system) the process used so far,
// farm included: on a busy machine it is a steadier measure than
// wall-clock rates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS resets the kernel's peak-RSS mark to the current RSS and
// returns it, so VmHWM afterwards is the peak of what runs next.
func resetPeakRSS() int64 {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	return procStatus("VmRSS")
}

func peakRSS() int64 { return procStatus("VmHWM") }

// procStatus reads a kB field of /proc/self/status, in bytes; 0 when it
// is not available.
func procStatus(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != field {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return 0
}
