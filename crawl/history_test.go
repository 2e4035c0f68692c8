package crawl

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/landing"
)

// writeHistoryRun writes one finished run of unit u listing the given
// item URLs in column c.
func writeHistoryRun(tb testing.TB, root, id, u, c string, urls ...string) *landing.Run {
	tb.Helper()
	r, err := landing.CreateRun(root, id)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := r.UnitWriter(u)
	if err != nil {
		tb.Fatal(err)
	}
	for _, url := range urls {
		if err := w.AddItem(landing.Item{RunID: id, UnitID: u, ColumnID: c, URL: url, CanonicalURL: url}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := r.WriteManifest(landing.Manifest{RunID: id, Complete: true, Cutoff: "2026-10-01"}); err != nil {
		tb.Fatal(err)
	}
	return r
}

// A damaged earlier run is skipped; the others still make the history, and
// the unit's crawl goes on.
func TestHistorySkipsDamagedRun(t *testing.T) {
	root := filepath.Join(t.TempDir(), "landing")
	writeHistoryRun(t, root, "r20260901T000000Z", "u1", "gzdt", "http://a.example/1.html")
	bad := writeHistoryRun(t, root, "r20261001T000000Z", "u1", "gzdt", "http://a.example/2.html")
	p := bad.UnitPath("u1", landing.FileItems)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	// A run whose manifest is not JSON is skipped as well.
	odd := writeHistoryRun(t, root, "r20261015T000000Z", "u1", "gzdt", "http://a.example/3.html")
	if err := os.WriteFile(filepath.Join(odd.Dir, "manifest.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}

	h, err := loadHistory(root, "r20261101T000000Z", "u1", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("loadHistory: %v", err)
	}
	seen := h.seen["gzdt"]
	if len(seen) != 2 || !seen["http://a.example/1.html"] || !seen["http://a.example/3.html"] {
		t.Errorf("seen = %v, want 1.html and 3.html (2.html's run is damaged)", seen)
	}
	if h.found["gzdt"] != 1 {
		t.Errorf("found = %d, want 1", h.found["gzdt"])
	}
}
