package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

// machine describes where the numbers were measured.
type machine struct {
	CPU      string
	Cores    int
	MemoryGB float64
	OS       string
	Go       string
	DuckDB   string
	Python   string
	Scrapy   string
	XLSX     string
	// Load averages (1 minute) when the run started and ended: the
	// figures only compare well on an otherwise idle machine.
	LoadStart, LoadEnd string
}

func describeMachine(ctx context.Context) machine {
	m := machine{CPU: cpuModel(), Cores: runtime.NumCPU(), MemoryGB: memTotalGB(), Go: runtime.Version(),
		OS: runtime.GOOS + "/" + runtime.GOARCH}
	m.DuckDB = duckdbVersion(ctx)
	m.LoadStart = loadAverage()
	return m
}

// loadAverage is the one-minute load average from /proc/loadavg.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

// cpuModel reads the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// memTotalGB reads MemTotal of /proc/meminfo, in GiB.
func memTotalGB() float64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / (1 << 20)
		}
	}
	return 0
}

func duckdbVersion(ctx context.Context) string {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "unknown"
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "unknown"
	}
	return v
}

func (m machine) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "- CPU: %s, %d cores (as seen by the process)\n", m.CPU, m.Cores)
	fmt.Fprintf(&b, "- memory: %.1f GiB\n", m.MemoryGB)
	fmt.Fprintf(&b, "- OS: %s; Go %s; DuckDB %s\n", m.OS, strings.TrimPrefix(m.Go, "go"), m.DuckDB)
	fmt.Fprintf(&b, "- load average (1 min) at start %s, at end %s\n", m.LoadStart, m.LoadEnd)
	if m.Python != "" {
		fmt.Fprintf(&b, "- peers: Python %s, Scrapy %s, XlsxWriter %s (Debian packages)\n", m.Python, m.Scrapy, m.XLSX)
	}
	return b.String()
}
