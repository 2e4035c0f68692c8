package etl

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// DuckDB's file: three 4 KiB headers, then 256 KiB blocks, each starting
// with its 8-byte checksum.
const (
	duckHeaders   = 3 * 4096
	duckBlockSize = 256 << 10
)

// corruptBlock flips bytes in the middle of block k of a DuckDB file and
// reports whether the file has such a block.
func corruptBlock(tb testing.TB, path string, k int) bool {
	tb.Helper()
	b, err := os.ReadFile(path)
	check(tb, err)
	off := duckHeaders + k*duckBlockSize + duckBlockSize/2
	if off+64 > len(b) {
		return false
	}
	for i := off; i < off+64; i++ {
		b[i] ^= 0xFF
	}
	check(tb, os.WriteFile(path, b, 0o644))
	return true
}

func TestPublishRefusesDamagedDatabase(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	ctx := context.Background()
	good := filepath.Join(t.TempDir(), "good.duckdb")
	check(t, Publish(ctx, good, publishRun(r1)))
	check(t, Verify(ctx, good))
	clean, err := os.ReadFile(good)
	check(t, err)
	want := filepath.Join(t.TempDir(), "want.duckdb")
	check(t, os.WriteFile(want, clean, 0o644))
	check(t, Publish(ctx, want, publishRun(r2)))
	wantRows := dumpFile(t, want)

	// The first blocks hold the catalog and the tables' data; each case
	// costs a publish, so a few of them make the test.
	refused := 0
	for k := 0; k < 3; k++ {
		published := filepath.Join(t.TempDir(), "gongkai.duckdb")
		check(t, os.WriteFile(published, clean, 0o644))
		if !corruptBlock(t, published, k) {
			break
		}
		damagedBytes, err := os.ReadFile(published)
		check(t, err)
		err = Publish(ctx, published, publishRun(r2))
		assertNoLeftovers(t, published)
		t.Logf("block %d damaged: Publish = %v", k, err)
		if err != nil {
			// Refused: said so, and the file is left as it was.
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("block %d damaged: Publish = %v, want ErrDamaged", k, err)
			}
			after, rerr := os.ReadFile(published)
			check(t, rerr)
			if !bytes.Equal(after, damagedBytes) {
				t.Errorf("block %d damaged: the refused file was changed", k)
			}
			refused++
			continue
		}
		// Published: only when the damage was in space nothing uses; then
		// the result is sound and complete.
		if err := verifyIsolated(ctx, published); err != nil {
			t.Errorf("block %d damaged: published a file that fails its check: %v", k, err)
		}
		if diff := cmp.Diff(wantRows, dumpFile(t, published)); diff != "" {
			t.Errorf("block %d damaged: published rows differ (-want +got):\n%s", k, diff)
		}
	}
	if refused == 0 {
		t.Fatal("no damaged block was refused; the test proves nothing")
	}
}

// Rebuild makes a sound database from the landing files alone, equal to
// the one loading run by run made, whatever state the published file is in.
func TestRebuildReplacesDamagedDatabase(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	ctx := context.Background()
	want := filepath.Join(t.TempDir(), "want.duckdb")
	check(t, Publish(ctx, want, publishRun(r1)))
	check(t, Publish(ctx, want, publishRun(r2)))

	published := filepath.Join(t.TempDir(), "gongkai.duckdb")
	check(t, Publish(ctx, published, publishRun(r1)))
	if !corruptBlock(t, published, 0) {
		t.Fatal("no block to damage")
	}
	if err := verifyIsolated(ctx, published); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Verify of a damaged file = %v, want ErrDamaged", err)
	}
	err := Rebuild(ctx, published, func(s *Store) error {
		check(t, publishRun(r1)(s))
		return publishRun(r2)(s)
	})
	check(t, err)
	check(t, verifyIsolated(ctx, published))
	assertNoLeftovers(t, published)
	if diff := cmp.Diff(dumpFile(t, want), dumpFile(t, published)); diff != "" {
		t.Errorf("rebuilt database differs (-loaded run by run +rebuilt):\n%s", diff)
	}
}

// A publish stamps the file it checked, so the next publish need not read
// the whole file again; a file written since (here: damaged) no longer
// matches its stamp and is checked, and refused.
func TestPublishStampSkipsOnlyAnUnchangedFile(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	ctx := context.Background()
	published := filepath.Join(t.TempDir(), "gongkai.duckdb")
	check(t, Publish(ctx, published, publishRun(r1)))
	if !stampMatches(published) {
		t.Fatal("no matching stamp after a publish")
	}
	clean, err := os.ReadFile(published)
	check(t, err)
	check(t, Publish(ctx, published, publishRun(r2)))
	if !stampMatches(published) {
		t.Fatal("the second publish left no matching stamp")
	}
	refused := 0
	for k := 0; k < 3; k++ {
		check(t, os.WriteFile(published, clean, 0o644))
		if stampMatches(published) {
			t.Fatal("a rewritten file still matches the stamp of the file it replaced")
		}
		if !corruptBlock(t, published, k) {
			break
		}
		err := Publish(ctx, published, publishRun(r2))
		if errors.Is(err, ErrDamaged) {
			refused++
			continue
		}
		check(t, err)
		check(t, verifyIsolated(ctx, published))
	}
	if refused == 0 {
		t.Fatal("no damaged block was refused; the test proves nothing")
	}
}
