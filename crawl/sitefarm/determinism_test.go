package sitefarm

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ignoreServing = cmpopts.IgnoreUnexported(Item{}, Letter{})

func TestSameSeedSameTruth(t *testing.T) {
	for _, later := range []bool{false, true} {
		a, b := New(Options{Seed: 7}), New(Options{Seed: 7})
		a.SetLater(later)
		b.SetLater(later)
		if diff := cmp.Diff(a.Truth(), b.Truth(), ignoreServing); diff != "" {
			t.Errorf("later=%v: same seed, different truth (-a +b):\n%s", later, diff)
		}
	}
}

func TestDifferentSeedDifferentTruth(t *testing.T) {
	a, b := fingerprint(New(Options{Seed: 1}).Truth()), fingerprint(New(Options{Seed: 2}).Truth())
	same := 0
	for k := range min(len(a), len(b)) {
		if a[k] == b[k] {
			same++
		}
	}
	if same > len(a)/10 {
		t.Fatalf("seeds 1 and 2 share %d of %d items", same, len(a))
	}
}

// fingerprint is one line per item (cmp on two large different truths is
// slow: it searches for the best alignment).
func fingerprint(t *Truth) []string {
	var out []string
	for _, u := range t.Units {
		for _, c := range u.Columns {
			for _, it := range c.Items {
				out = append(out, it.ID+" "+it.Title+" "+it.PublishDate.Format("2006-01-02"))
			}
		}
	}
	return out
}

// samplePages lists, per unit, pages of every kind the farm serves.
func samplePages(u *Unit) []string {
	ps := []string{u.BaseURL + "/", u.BaseURL + "/robots.txt"}
	for _, c := range u.Columns {
		ps = append(ps, c.URL)
		if c.API != "" {
			ps = append(ps, strings.Replace(c.API, "{page}", "1", 1))
		}
		for k, it := range c.Items {
			if k < 3 || len(it.Links) > 0 {
				ps = append(ps, it.URL)
			}
		}
	}
	for _, m := range u.Mailboxes {
		ps = append(ps, strings.Replace(m.URL, "{page}", "1", 1))
		for _, l := range m.Letters[:min(3, len(m.Letters))] {
			ps = append(ps, l.DetailURL)
		}
	}
	return ps
}

// fetchSample fetches the sample pages of every unit with each unit's
// base URL replaced by its ID, so two farms on different ports compare.
func fetchSample(t *testing.T, f *Farm) map[string][]byte {
	t.Helper()
	tr := f.Truth()
	out := map[string][]byte{}
	for _, u := range tr.Units {
		for _, p := range samplePages(u) {
			_, _, body := get(t, p)
			for _, v := range tr.Units {
				body = bytes.ReplaceAll(body, []byte(v.BaseURL), []byte("http://"+v.ID))
			}
			out[u.ID+strings.TrimPrefix(p, u.BaseURL)] = body
		}
	}
	return out
}

func TestSameSeedSamePages(t *testing.T) {
	a := startFarm(t, Options{Seed: 3})
	b := startFarm(t, Options{Seed: 3})
	c := startFarm(t, Options{Seed: 4})
	pa, pb, pc := fetchSample(t, a), fetchSample(t, b), fetchSample(t, c)
	if len(pa) < 100 {
		t.Fatalf("only %d sample pages", len(pa))
	}
	for k, body := range pa {
		if !bytes.Equal(body, pb[k]) {
			t.Errorf("%s: same seed, different bytes", k)
		}
	}
	same := 0
	for k, body := range pa {
		if bytes.Equal(body, pc[k]) {
			same++
		}
	}
	if same > len(pa)/2 {
		t.Errorf("seeds 3 and 4 share %d of %d sample pages", same, len(pa))
	}
}
