package etl

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/landing"
)

// synthetic describes a generated run: units × columns, itemsPerUnit items
// spread over the columns, one in a hundred also listed in a second column.
// The next month's run lists the same items (fetching one detail page in
// twenty again, as an incremental run does) and one in a hundred new ones.
type synthetic struct {
	units, itemsPerUnit int
	nextMonth           bool
}

func (sy synthetic) items() int { return sy.units * sy.itemsPerUnit }

var syntheticColumns = []landing.UnitCol{
	{ID: "gzdt", Name: "工作动态"}, {ID: "tzgg", Name: "通知公告"}, {ID: "zcwj", Name: "政策文件"},
	{ID: "zcjd", Name: "政策解读"}, {ID: "rsxx", Name: "人事信息"},
}

// writeSynthetic writes the run under root and returns it and the number
// of item records written (sightings, counting the second listings).
func writeSynthetic(tb testing.TB, root string, sy synthetic) (*landing.Run, int) {
	tb.Helper()
	id, cutoff := "r20261101T000000Z", "2026-11-01"
	seen := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	items := sy.itemsPerUnit
	if sy.nextMonth {
		id, cutoff = "r20261201T000000Z", "2026-12-01"
		seen = seen.AddDate(0, 1, 0)
		items += sy.itemsPerUnit / 100
	}
	r, err := landing.CreateRun(root, id)
	check(tb, err)
	var units []landing.Unit
	records := 0
	m := landing.Manifest{RunID: id, Cutoff: cutoff, Complete: true, StartedAt: seen, FinishedAt: seen.Add(time.Hour)}
	for u := range sy.units {
		uid := fmt.Sprintf("u%04d", u)
		host := "http://" + uid + ".example.gov.cn"
		unit := landing.Unit{ID: uid, Name: fmt.Sprintf("第%d局", u), Kind: "部门", Home: host + "/", MustHaveMailbox: true,
			Mailboxes: []landing.UnitCol{{ID: "ldxx", Name: "局长信箱", URL: host + "/ldxx/"}}}
		for _, c := range syntheticColumns {
			c.URL = host + "/" + c.ID + "/"
			unit.Columns = append(unit.Columns, c)
		}
		units = append(units, unit)
		w, err := r.UnitWriter(uid)
		check(tb, err)
		for i := range items {
			col := syntheticColumns[i%len(syntheticColumns)].ID
			pub := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2400)
			formed := pub.AddDate(0, 0, -(i % 30))
			url := fmt.Sprintf("%s/%s/%s/t%s_%d.html", host, col, pub.Format("200601"), pub.Format("20060102"), 100000+i)
			it := landing.Item{RunID: id, UnitID: uid, ColumnID: col, URL: url, CanonicalURL: url,
				Title:     fmt.Sprintf("关于印发《第%d局2026年度政务公开工作要点》的通知（第%d号）", u, i),
				ListDate:  d(pub.Format(time.DateOnly), pub.Format(time.DateOnly)),
				Published: d(pub.Format("2006年01月02日"), pub.Format(time.DateOnly)),
				Formed:    d(formed.Format("2006年01月02日"), formed.Format(time.DateOnly)),
				IndexNo:   fmt.Sprintf("11330100MB%06d/2026-%05d", u, i), Publisher: unit.Name,
				DocNo: fmt.Sprintf("杭局〔2026〕%d号", i), Topic: "综合政务", Validity: "有效",
				DetailFetched: !sy.nextMonth || i%20 == 0 || i >= sy.itemsPerUnit, ListPage: 1 + i/20, Position: i % 20,
				ListSHA256:   "3f1a9c0b7e5d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
				DetailSHA256: "9c0d1e2f3a4b5c6d3f1a9c0b7e5d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f7a8b",
				SeenAt:       seen}
			if col == "zcwj" {
				it.Links = []string{fmt.Sprintf("%s/zcjd/%s/t%s_%d.html", host, pub.Format("200601"), pub.Format("20060102"), 100000+i+1)}
			}
			check(tb, w.AddItem(it))
			records++
			if i%100 == 0 {
				it.ColumnID = "tzgg"
				check(tb, w.AddItem(it))
				records++
			}
		}
		for i := range 20 {
			check(tb, w.AddLetter(landing.Letter{RunID: id, UnitID: uid, MailboxID: "ldxx", Key: fmt.Sprintf("L%05d", i),
				Title: "咨询", Type: "咨询", Received: d("2026-10-01", "2026-10-01"), Status: landing.StatusReplied,
				Replied: d("2026-10-09", "2026-10-09"), DetailFetched: true, SeenAt: seen}))
		}
		for _, c := range syntheticColumns {
			check(tb, w.AddColumn(landing.Column{RunID: id, UnitID: uid, ColumnID: c.ID, Kind: "column",
				Pages: sy.itemsPerUnit / 100, Found: sy.itemsPerUnit / 5, Complete: true, Outcome: landing.OutcomeOK, FinishedAt: seen}))
		}
		check(tb, w.AddHome(landing.Home{RunID: id, UnitID: uid, URL: host + "/", OK: true, Status: 200, FetchedAt: seen}))
		for p := range sy.itemsPerUnit / 20 {
			check(tb, w.AddPage(landing.Page{RunID: id, UnitID: uid, Kind: landing.PageList, Method: "GET",
				URL: fmt.Sprintf("%s/gzdt/index_%d.html", host, p), Attempt: 1, Status: 200, Bytes: 30000,
				DurationMS: 120, Outcome: landing.OutcomeOK, FetchedAt: seen}))
		}
		check(tb, w.Close())
		m.Units = append(m.Units, landing.UnitStatus{UnitID: uid, Done: true})
	}
	check(tb, r.WriteUnits(units))
	check(tb, r.WriteManifest(m))
	return r, records
}

// The small variant runs with the tests, so the generator and a load of
// its shape stay correct without running the benchmark.
func TestLoadSynthetic(t *testing.T) {
	t.Parallel()
	sy := synthetic{units: 4, itemsPerUnit: 250}
	r, records := writeSynthetic(t, newLanding(t), sy)
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	st := load(t, s, r)
	if st.Items != records || st.Items != 1012 {
		t.Errorf("item observations = %d, want %d", st.Items, records)
	}
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM items`); n != sy.items() {
		t.Errorf("items = %d, want %d", n, sy.items())
	}
	if st.Findings["duplicate_across_columns"] != 12 || st.Letters != 80 || st.Pages != 48 {
		t.Errorf("stats = %+v", st)
	}
	n, err := readOnly(context.Background(), s, r)
	check(t, err)
	if n != records {
		t.Errorf("read_json count = %d, want %d", n, records)
	}
}

// readOnly is the floor LoadRun is measured against: DuckDB merely reading
// the run's item files with the same column spec.
func readOnly(ctx context.Context, s *Store, r *landing.Run) (int, error) {
	files, err := filepath.Glob(filepath.Join(r.Dir, "units", "*", landing.FileItems))
	if err != nil {
		return 0, err
	}
	var n int
	// $1 is unused; readJSON binds the files to $2.
	err = s.DB().QueryRowContext(ctx, `SELECT count(*) + 0 * length($1) FROM `+readJSON(itemColumns...), "", files).Scan(&n)
	return n, err
}

// readAll materialises every column of the run's item files, the floor
// for a load that keeps them all (count(*) lets DuckDB skip most of the
// parsing).
func readAll(ctx context.Context, s *Store, r *landing.Run) error {
	files, err := filepath.Glob(filepath.Join(r.Dir, "units", "*", landing.FileItems))
	if err != nil {
		return err
	}
	if _, err := s.DB().ExecContext(ctx, `CREATE TEMP TABLE read_all AS SELECT *, $1 AS x FROM `+readJSON(itemColumns...), "", files); err != nil {
		return err
	}
	_, err = s.DB().ExecContext(ctx, `DROP TABLE read_all`)
	return err
}

var (
	synthMu   sync.Mutex
	synthRuns = map[synthetic]*synthResult{}
)

type synthResult struct {
	run     *landing.Run
	records int
}

// synthRun generates a run once per shape per test binary.
func synthRun(b *testing.B, sy synthetic) *synthResult {
	synthMu.Lock()
	defer synthMu.Unlock()
	if r, ok := synthRuns[sy]; ok {
		return r
	}
	dir, err := os.MkdirTemp("", "gongkai-etl-bench-")
	check(b, err)
	benchDirs = append(benchDirs, dir)
	start := time.Now()
	r, n := writeSynthetic(b, dir, sy)
	b.Logf("generated %d item records in %s", n, time.Since(start).Round(time.Millisecond))
	res := &synthResult{r, n}
	synthRuns[sy] = res
	return res
}

var benchDirs []string

func TestMain(m *testing.M) {
	if code, child := VerifyChild(); child {
		os.Exit(code)
	}
	code := m.Run()
	for _, d := range benchDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// BenchmarkLoad times LoadRun of one run into a fresh database and, in
// the same benchmark, DuckDB merely reading the same item files, and
// reports rows/s, the ratios of the two and the process's peak resident
// memory (which includes DuckDB's C allocations; Go's MemStats do not).
//
//	go test ./etl -run '^$' -bench 'BenchmarkLoad/items=1000000' -benchtime 1x
func BenchmarkLoad(b *testing.B) {
	for _, sy := range []synthetic{{units: 20, itemsPerUnit: 500}, {units: 40, itemsPerUnit: 5000}, {units: 200, itemsPerUnit: 5000}} {
		b.Run("items="+strconv.Itoa(sy.items()), func(b *testing.B) {
			res := synthRun(b, sy)
			ctx := context.Background()
			var load, read, readFull time.Duration
			var loadCPU, readCPU, readFullCPU time.Duration
			var peak int64
			for i := range b.N {
				b.StopTimer()
				s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.duckdb", i)))
				check(b, err)
				resetPeakRSS()
				b.StartTimer()
				start, cpu := time.Now(), processCPU()
				if _, err := s.LoadRun(ctx, res.run, LoadOptions{Logger: quiet}); err != nil {
					b.Fatal(err)
				}
				load += time.Since(start)
				loadCPU += processCPU() - cpu
				b.StopTimer()
				peak = max(peak, peakRSS())
				start, cpu = time.Now(), processCPU()
				n, err := readOnly(ctx, s, res.run)
				check(b, err)
				read += time.Since(start)
				readCPU += processCPU() - cpu
				if n != res.records {
					b.Fatalf("read %d records, want %d", n, res.records)
				}
				start, cpu = time.Now(), processCPU()
				check(b, readAll(ctx, s, res.run))
				readFull += time.Since(start)
				readFullCPU += processCPU() - cpu
				check(b, s.Close())
				b.StartTimer()
			}
			b.ReportMetric(float64(res.records)*float64(b.N)/load.Seconds(), "rows/s")
			b.ReportMetric(read.Seconds()/float64(b.N), "read_json_s")
			b.ReportMetric(load.Seconds()/read.Seconds(), "load/read")
			b.ReportMetric(readFull.Seconds()/float64(b.N), "read_all_s")
			b.ReportMetric(load.Seconds()/readFull.Seconds(), "load/read_all")
			b.ReportMetric(float64(peak)/(1<<20), "peak_rss_MiB")
			// CPU seconds tell the load's own cost on a machine busy with
			// other work, where wall time mostly measures the neighbours.
			b.ReportMetric(loadCPU.Seconds()/float64(b.N), "load_cpu_s")
			b.ReportMetric(readCPU.Seconds()/float64(b.N), "read_json_cpu_s")
			b.ReportMetric(readFullCPU.Seconds()/float64(b.N), "read_all_cpu_s")
		})
	}
}

// BenchmarkLoadNextMonth times the monthly case: loading a run into a
// database that already holds the previous month's, so every item's
// current state is recomputed over two runs of observations.
//
//	go test ./etl -run '^$' -bench 'BenchmarkLoadNextMonth/items=1000000' -benchtime 1x
func BenchmarkLoadNextMonth(b *testing.B) {
	for _, sy := range []synthetic{{units: 20, itemsPerUnit: 500}, {units: 200, itemsPerUnit: 5000}} {
		b.Run("items="+strconv.Itoa(sy.items()), func(b *testing.B) {
			first := synthRun(b, sy)
			next := sy
			next.nextMonth = true
			second := synthRun(b, next)
			ctx := context.Background()
			base := filepath.Join(b.TempDir(), "base.duckdb")
			s, err := Open(ctx, base)
			check(b, err)
			if _, err := s.LoadRun(ctx, first.run, LoadOptions{Logger: quiet}); err != nil {
				b.Fatal(err)
			}
			check(b, s.Close())
			var load time.Duration
			var peak int64
			for i := range b.N {
				b.StopTimer()
				path := filepath.Join(b.TempDir(), fmt.Sprintf("m%d.duckdb", i))
				src, err := os.ReadFile(base)
				check(b, err)
				check(b, os.WriteFile(path, src, 0o644))
				s, err := Open(ctx, path)
				check(b, err)
				resetPeakRSS()
				b.StartTimer()
				start := time.Now()
				if _, err := s.LoadRun(ctx, second.run, LoadOptions{Logger: quiet}); err != nil {
					b.Fatal(err)
				}
				load += time.Since(start)
				b.StopTimer()
				peak = max(peak, peakRSS())
				check(b, s.Close())
				b.StartTimer()
			}
			b.ReportMetric(float64(second.records)*float64(b.N)/load.Seconds(), "rows/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak_rss_MiB")
		})
	}
}

// BenchmarkDecodeGo is the floor of loading through the Appender instead
// of read_json: decoding the same item files in Go, before appending.
func BenchmarkDecodeGo(b *testing.B) {
	res := synthRun(b, synthetic{units: 200, itemsPerUnit: 5000})
	files, err := filepath.Glob(filepath.Join(res.run.Dir, "units", "*", landing.FileItems))
	check(b, err)
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, f := range files {
			check(b, landing.ReadFile(f, func(landing.Item) error { n++; return nil }))
		}
		if n != res.records {
			b.Fatalf("decoded %d, want %d", n, res.records)
		}
	}
	b.ReportMetric(float64(res.records)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// resetPeakRSS resets VmHWM (Linux: writing 5 to clear_refs), so the peak
// measured is the load's, not the generator's.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns VmHWM from /proc/self/status in bytes, 0 when unknown.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
