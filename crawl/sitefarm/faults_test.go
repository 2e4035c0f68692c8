package sitefarm

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestFaults(t *testing.T) {
	const attempts = 2
	f := startFarm(t, Options{Faults: Faults{Rate: 0.3, Attempts: attempts, Kinds: []string{"5xx", "reset", "truncate", "slow", "404"}}})
	// Fresh connections only: a transport retrying on a reused connection
	// would hide a reset.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	// First URL of each kind among list and detail pages.
	found := map[string][2]string{}
	for _, u := range f.Truth().Units {
		var urls []string
		for _, c := range u.Columns {
			urls = append(urls, c.URL)
			for _, it := range c.Items {
				urls = append(urls, it.URL)
			}
		}
		for _, m := range u.Mailboxes {
			urls = append(urls, strings.Replace(m.URL, "{page}", "1", 1))
		}
		for _, p := range urls {
			kind, _ := f.FaultFor(u.ID, p)
			if _, ok := found[kind]; kind != "" && !ok {
				found[kind] = [2]string{u.ID, p}
			}
		}
	}
	for _, kind := range []string{"5xx", "reset", "truncate", "slow", "404"} {
		t.Run(kind, func(t *testing.T) {
			hit, ok := found[kind]
			if !ok {
				t.Fatalf("no URL with fault %s", kind)
			}
			unitID, u := hit[0], hit[1]
			f.ResetRequests()
			tries := attempts + 1
			if kind == "404" {
				tries = attempts + 3
			}
			for k := 1; k <= tries; k++ {
				failing := k <= attempts || kind == "404"
				resp, err := client.Get(u)
				var readErr error
				if err == nil {
					_, readErr = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				switch {
				case !failing || kind == "slow":
					if err != nil || readErr != nil || resp.StatusCode != 200 {
						t.Fatalf("attempt %d: err %v, read %v, want 200", k, err, readErr)
					}
				case kind == "5xx":
					if err != nil || resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "1" {
						t.Fatalf("attempt %d: err %v resp %+v, want 503 with Retry-After: 1", k, err, resp)
					}
				case kind == "404":
					if err != nil || resp.StatusCode != 404 {
						t.Fatalf("attempt %d: err %v, want 404", k, err)
					}
				case kind == "reset":
					if err == nil {
						t.Fatalf("attempt %d: got status %d, want a reset", k, resp.StatusCode)
					}
				case kind == "truncate":
					if err == nil && readErr == nil {
						t.Fatalf("attempt %d: body read in full, want it cut short", k)
					}
				}
			}
			log := f.Requests()
			if len(log) != tries {
				t.Fatalf("logged %d requests, want %d: %+v", len(log), tries, log)
			}
			for k, r := range log {
				wantFault := ""
				if k < attempts || kind == "404" {
					wantFault = kind
				}
				if r.Unit != unitID || r.Fault != wantFault {
					t.Errorf("request %d: %+v, want unit %s fault %q", k, r, unitID, wantFault)
				}
			}
		})
	}
	t.Run("truth marks 404 items", func(t *testing.T) {
		n := 0
		for _, u := range f.Truth().Units {
			for _, c := range u.Columns {
				for _, it := range c.Items {
					kind, _ := f.FaultFor(u.ID, it.URL)
					if it.NotFound != (kind == "404") {
						t.Errorf("%s: NotFound %v, fault %q", it.URL, it.NotFound, kind)
					}
					if it.NotFound {
						n++
					}
				}
			}
		}
		if n == 0 {
			t.Error("no item marked NotFound")
		}
	})
}

func TestNoFaultsByDefault(t *testing.T) {
	f := startFarm(t, Options{})
	for _, u := range f.Truth().Units {
		for _, c := range u.Columns {
			for _, it := range c.Items {
				if it.NotFound {
					t.Fatalf("%s marked NotFound without faults", it.URL)
				}
			}
			if !c.Blocked {
				get(t, c.URL)
			}
		}
	}
	for _, r := range f.Requests() {
		if r.Fault != "" || r.Status != 200 {
			t.Errorf("request %+v: want a clean 200", r)
		}
	}
}
