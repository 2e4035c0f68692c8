package sitefarm

import (
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func countPages(t *Truth) (items, pages int) {
	seen := map[*Item]bool{}
	for _, u := range t.Units {
		for _, c := range u.Columns {
			for _, it := range c.Items {
				if !seen[it] {
					seen[it] = true
					items++
				}
			}
			pages += pageCount(len(c.Items), c.PageSize)
		}
		for _, m := range u.Mailboxes {
			pages += pageCount(len(m.Letters), m.PageSize) + len(m.Letters)
		}
	}
	return items, items + pages
}

func TestBenchmarkFarmSize(t *testing.T) {
	f := New(Options{Units: 100, ItemsPerColumn: 80})
	items, pages := countPages(f.Truth())
	if pages < 50000 {
		t.Fatalf("100 units × 80 items per column: %d items, %d pages; want 50,000+ pages", items, pages)
	}
	names := map[string]bool{}
	for _, u := range f.Truth().Units {
		if names[u.Name] {
			t.Errorf("unit name %s used twice", u.Name)
		}
		names[u.Name] = true
	}
}

func BenchmarkNew500k(b *testing.B) {
	for b.Loop() {
		start, cpu0 := time.Now(), cpuTime()
		f := New(Options{Units: 1000, ItemsPerColumn: 85})
		wall, cpu := time.Since(start), cpuTime()-cpu0
		items, _ := countPages(f.Truth())
		b.ReportMetric(float64(items), "items")
		b.ReportMetric(wall.Seconds(), "s/farm")
		// On a shared machine wall time says little; CPU time does.
		b.ReportMetric(cpu.Seconds(), "cpu-s/farm")
	}
}
