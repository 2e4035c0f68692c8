package etl

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/landing"
)

// TestLoadRenderedPages loads a run whose column was read in a browser: the
// rendered page's attempt row says so, the request's does not.
func TestLoadRenderedPages(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	fr := fixtureRun1()
	at := time.Date(2026, 3, 1, 1, 0, 3, 0, time.UTC)
	fr.pages = append(fr.pages,
		landing.Page{UnitID: "jyj", ColumnID: "tzgg", Kind: landing.PageList, Method: "GET", URL: jyj + "/tzgg/", Attempt: 1,
			Status: 200, Outcome: landing.OutcomeOK, SHA256: "aa", FetchedAt: at},
		landing.Page{UnitID: "jyj", ColumnID: "tzgg", Kind: landing.PageList, Method: "GET", URL: jyj + "/tzgg/", Attempt: 1,
			Status: 200, Outcome: landing.OutcomeOK, SHA256: "bb", FetchedAt: at.Add(time.Second), Rendered: true})
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	load(t, s, writeRun(t, root, fr))
	got := queryRows(t, s.DB(), `SELECT column_id || ' ' || coalesce(sha256, '-') || ' ' || rendered FROM page_attempts
		WHERE kind = 'list' ORDER BY fetched_at`)
	want := []string{"gzdt - false", "gzdt - false", "tzgg aa false", "tzgg bb true"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("list attempts (-want +got):\n%s", d)
	}
}
