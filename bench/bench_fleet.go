package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// fleetOptions size the fleet stage.
type fleetOptions struct {
	workers string
	units   int
	items   int
	delay   time.Duration
}

// fleetStage measures `gongkai crawl --redis` with 1, 2 and 4 `gongkai
// worker` processes on a politeness-bound farm: the per-host delay is on
// and each process crawls two units at a time with one request per host at
// once, so the wall time is set by the delay, and more workers mean more
// hosts served at once.
func (b *bench) fleetStage(ctx context.Context) error {
	dir, err := b.stageDir("fleet")
	if err != nil {
		return err
	}
	var counts []int
	for _, p := range strings.Split(b.o.fleet.workers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return fmt.Errorf("-fleet-workers: %q is not a number of workers", p)
		}
		counts = append(counts, n)
	}
	bin, err := b.buildGongkai(ctx, dir)
	if err != nil {
		return err
	}
	url, stop, err := startRedis(ctx, dir)
	if err != nil {
		return err
	}
	defer stop()
	farm := sitefarm.New(sitefarm.Options{Seed: b.o.seed, Units: b.o.fleet.units, ItemsPerColumn: b.o.fleet.items})
	if err := farm.Start(); err != nil {
		return fmt.Errorf("start fleet farm: %w", err)
	}
	defer farm.Close()
	tr := farm.Truth()
	fs := sizeOf(tr)
	b.check(true, "fleet farm: %d units, one host each, %d columns, %d mailboxes, %d items, %d letters; per host one request at once, %v apart, for the whole fleet",
		fs.Units, fs.Columns, fs.Mailboxes, fs.Items, fs.Letters, b.o.fleet.delay)
	var base float64
	var basePages int
	for _, n := range counts {
		data := filepath.Join(dir, fmt.Sprintf("data-%d", n))
		cfg := filepath.Join(dir, fmt.Sprintf("gongkai-%d.yaml", n))
		if err := os.RemoveAll(data); err != nil {
			return err
		}
		if err := writeFleetConfig(cfg, tr, data, b.o.fleet.delay); err != nil {
			return err
		}
		prefix := fmt.Sprintf("bench%d-%d", n, time.Now().UnixNano())
		var workers []*exec.Cmd
		for i := range n {
			w := exec.CommandContext(ctx, bin, "worker", "--config", cfg, "--redis", url, "--redis-prefix", prefix, "--name", fmt.Sprintf("w%d", i+1))
			logf, err := os.Create(filepath.Join(dir, fmt.Sprintf("worker-%d-%d.log", n, i+1)))
			if err != nil {
				return err
			}
			w.Stdout, w.Stderr = logf, logf
			w.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
			if err := w.Start(); err != nil {
				logf.Close()
				return fmt.Errorf("start worker: %w", err)
			}
			defer logf.Close()
			workers = append(workers, w)
		}
		farm.ResetRequests()
		b.log("fleet: gongkai crawl --redis with %d worker(s) …", n)
		m, err := b.runChild(ctx, filepath.Join(dir, fmt.Sprintf("crawl-%d.log", n)), nil, bin, "crawl", "--config", cfg, "--redis", url, "--redis-prefix", prefix)
		for _, w := range workers {
			w.Process.Signal(syscall.SIGTERM)
			w.Wait()
		}
		if err != nil {
			return err
		}
		pages := len(farm.Requests())
		if n == counts[0] {
			base, basePages = m.Wall.Seconds(), pages
		}
		b.check(pages == basePages, "fleet of %d: the farm served %s requests (%d workers' run: %s)", n, thousands(float64(pages)), counts[0], thousands(float64(basePages)))
		tool := fmt.Sprintf("gongkai crawl --redis, %d worker(s), delay %v per host", n, b.o.fleet.delay)
		if n != counts[0] && m.Wall > 0 {
			tool += fmt.Sprintf(" — %.2f× the %d-worker speed", base/m.Wall.Seconds(), counts[0])
		}
		// The crawl command only coordinates; the workers' CPU is not in its
		// measure, so the row is about wall time.
		b.add(row{Stage: "fleet crawl", Tool: tool, Amount: float64(pages), Unit: "pages", Seconds: m.Wall.Seconds(), Base: n == counts[0]}, m)
	}
	return nil
}

// buildGongkai builds the gongkai command into dir.
func (b *bench) buildGongkai(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "gongkai")
	args := []string{"build", "-o", bin}
	if b.o.overlay != "" {
		args = append(args, "-overlay", b.o.overlay)
	}
	build := exec.CommandContext(ctx, "go", append(args, "./cmd/gongkai")...)
	build.Dir = b.root
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build gongkai: %w\n%s", err, out)
	}
	return bin, nil
}

// writeFleetConfig is the bench's config with the per-host delay on, one
// request per host at once and two units at once per process.
func writeFleetConfig(path string, t *sitefarm.Truth, outDir string, delay time.Duration) error {
	var b strings.Builder
	q := strconv.Quote
	fmt.Fprintf(&b, "# Written by the bench: a politeness-bound crawl of the farm on 127.0.0.1.\n")
	fmt.Fprintf(&b, "output:\n  dir: %s\n", q(outDir))
	fmt.Fprintf(&b, "crawl:\n  delay: %s\n  parallelism: 1\n  units: 2\n  timeout: 30s\n  retries: 3\n", delay)
	fmt.Fprintf(&b, "  max_pages: 100000\n  allow_private: true\n")
	if err := t.WriteUnitsYAML(&b); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// startRedis runs a private redis-server on a free loopback port.
func startRedis(ctx context.Context, dir string) (string, func(), error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", nil, fmt.Errorf("the fleet stage needs redis-server (Debian: apt-get install redis-server)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(cctx, bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return "", nil, fmt.Errorf("start redis-server: %w", err)
	}
	stop := func() { cancel(); cmd.Wait() }
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "Ready to accept connections") {
			go func() {
				for sc.Scan() {
				}
			}()
			return fmt.Sprintf("redis://127.0.0.1:%d/0", port), stop, nil
		}
	}
	stop()
	return "", nil, fmt.Errorf("redis-server exited before accepting connections")
}
