package etl

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/landing"
)

// truncate cuts a landing file in half, as a full disk or a crash of a
// copy would.
func truncate(tb testing.TB, path string) {
	tb.Helper()
	b, err := os.ReadFile(path)
	check(tb, err)
	check(tb, os.WriteFile(path, b[:len(b)/2], 0o644))
}

func TestLoadQuarantinesTruncatedFile(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r := writeRun(t, root, fixtureRun1())
	bad := r.UnitPath("jyj", landing.FileItems)
	truncate(t, bad)
	s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))

	if _, err := s.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet}); err == nil {
		t.Fatal("a truncated items file loaded without error; the test proves nothing")
	}
	st, q, err := s.LoadRunChecked(context.Background(), r, LoadOptions{Now: fixedNow, Logger: log})
	if err != nil {
		t.Fatalf("load after quarantine: %v", err)
	}
	if len(q) != 1 || q[0].Path != bad || q[0].To != bad+landing.QuarantineSuffix {
		t.Fatalf("quarantined = %+v, want only %s", q, bad)
	}
	if _, err := os.Stat(bad + landing.QuarantineSuffix); err != nil {
		t.Errorf("quarantined file is gone: %v", err)
	}
	if _, err := os.Stat(bad); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("damaged file still under its name: %v", err)
	}
	if !strings.Contains(logs.String(), bad) {
		t.Errorf("the warning does not name the file:\n%s", logs.String())
	}
	// The other unit of the run is loaded in full; the damaged one is
	// counted as skipped, not as a unit that published nothing.
	if st.Units != 1 || len(st.SkippedUnits) != 1 || st.SkippedUnits[0] != "jyj" {
		t.Errorf("stats = %+v, want dfz loaded and jyj skipped", st)
	}
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM items WHERE unit_id = 'dfz'`); n != 1 {
		t.Errorf("dfz items = %d, want 1", n)
	}
	if n := queryInt(t, s.DB(), `SELECT count(*) FROM items WHERE unit_id = 'jyj'`); n != 0 {
		t.Errorf("jyj items = %d, want 0", n)
	}
}

func TestQuarantineRunManifest(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	for _, r := range []*landing.Run{r1, r2} {
		check(t, os.WriteFile(r.ManifestPath(), []byte(`{"run_id": "r`), 0o644))
	}
	err := r1.CheckMeta()
	if err == nil || !strings.Contains(err.Error(), r1.ManifestPath()) {
		t.Fatalf("CheckMeta = %v, want an error naming %s", err, r1.ManifestPath())
	}
	// r1 is in the database already: left alone. r2 is not: set aside.
	if to, err := QuarantineRun(r1, true, err, quiet); err != nil || to != "" {
		t.Errorf("loaded run: moved to %q, %v; want left alone", to, err)
	}
	to, err := QuarantineRun(r2, false, r2.CheckMeta(), quiet)
	if err != nil || to != r2.ManifestPath()+landing.QuarantineSuffix {
		t.Fatalf("unloaded run: moved to %q, %v", to, err)
	}
	ids, err := landing.ListRuns(root)
	check(t, err)
	if len(ids) != 1 || ids[0] != r1.ID {
		t.Errorf("runs listed after quarantine = %v, want only %s", ids, r1.ID)
	}
}
