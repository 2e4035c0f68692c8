package sitefarm

import (
	"sync"
	"testing"
)

// Many clients, a mode switch and log readers at once: run with -race.
func TestConcurrentUse(t *testing.T) {
	f := startFarm(t, Options{Faults: Faults{Rate: 0.2, Kinds: []string{"5xx", "truncate"}}})
	var urls []string
	for _, u := range f.Truth().Units {
		for _, c := range u.Columns {
			for _, it := range c.Items[:min(10, len(c.Items))] {
				urls = append(urls, it.URL)
			}
		}
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(urls); k += 8 {
				resp, err := httpGetQuiet(urls[k])
				if err == nil {
					resp.Body.Close()
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k := range 50 {
			f.SetLater(k%2 == 0)
			_ = f.Truth()
			_ = f.Requests()
		}
		f.SetLater(false)
	}()
	wg.Wait()
	if got := len(f.Requests()); got != len(urls) {
		t.Errorf("logged %d requests, want %d", got, len(urls))
	}
}
