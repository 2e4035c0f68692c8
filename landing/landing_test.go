package landing

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUnitWriterRoundTrip(t *testing.T) {
	root := t.TempDir()
	run, err := CreateRun(root, NewRunID(time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	if run.ID != "r20261101T020000Z" {
		t.Errorf("run id %q", run.ID)
	}
	w, err := run.UnitWriter("u01")
	if err != nil {
		t.Fatal(err)
	}
	title := `他说"不"; '); DROP TABLE items;-- <b>&</b>`
	for i := 0; i < 3; i++ {
		if err := w.AddItem(Item{UnitID: "u01", URL: "http://x/" + string(rune('a'+i)), Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	if run.UnitDone("u01") {
		t.Fatal("unit done before Close")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !run.UnitDone("u01") {
		t.Fatal("unit not done after Close")
	}
	var got []Item
	if err := ReadFile(run.UnitPath("u01", FileItems), func(it Item) error { got = append(got, it); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].URL != "http://x/c" || got[0].Title != title {
		t.Errorf("read back %+v", got)
	}
	var pages int
	if err := ReadFile(run.UnitPath("u01", FilePages), func(Page) error { pages++; return nil }); err != nil || pages != 0 {
		t.Errorf("pages %d, %v", pages, err)
	}
}

func TestUnitWriterAbortLeavesNothing(t *testing.T) {
	root := t.TempDir()
	run, _ := CreateRun(root, "r1")
	w, err := run.UnitWriter("u01")
	if err != nil {
		t.Fatal(err)
	}
	w.AddItem(Item{URL: "http://x/"})
	w.Abort()
	entries, _ := os.ReadDir(run.UnitDir("u01"))
	if len(entries) != 0 || run.UnitDone("u01") {
		t.Errorf("abort left %v", entries)
	}
}

func TestManifestAndListRuns(t *testing.T) {
	root := t.TempDir()
	for _, id := range []string{"r2", "r1"} {
		run, _ := CreateRun(root, id)
		if err := run.WriteManifest(Manifest{RunID: id, Cutoff: "2026-11-01"}); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(root, "runs", "r3-no-manifest"), 0o755)
	ids, err := ListRuns(root)
	if err != nil || strings.Join(ids, ",") != "r1,r2" {
		t.Errorf("ListRuns = %v, %v", ids, err)
	}
	if _, err := CreateRun(root, "../evil"); err == nil {
		t.Error("accepted a run id with a path separator")
	}
}

func TestReadFileNamesLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "items.ndjson.gz")
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	gz.Write([]byte("{\"url\":\"http://x/\"}\n{\"url\": 12\n"))
	gz.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
	n := 0
	err := ReadFile(path, func(Item) error { n++; return nil })
	if err == nil || !strings.Contains(err.Error(), "items.ndjson.gz:2:") || n != 1 {
		t.Errorf("error %v (after %d records) does not name file and line 2", err, n)
	}
}

func TestSnapshotsConcurrentPutGet(t *testing.T) {
	s := SnapshotStore(t.TempDir())
	bodies := [][]byte{[]byte("<html>一</html>"), bytes.Repeat([]byte("页"), 100000), {}}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			b := bodies[i%len(bodies)]
			sum, err := s.Put(b)
			if err != nil || sum != Hash(b) {
				t.Errorf("Put: %v", err)
			}
		}(i)
	}
	wg.Wait()
	for _, b := range bodies {
		got, err := s.Get(Hash(b))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("Get(%s) = %d bytes, %v", Hash(b)[:8], len(got), err)
		}
	}
	if _, err := s.Get(Hash([]byte("never stored"))); err == nil {
		t.Error("Get of a missing snapshot succeeded")
	}
}

// A store written before snapshots were zstd holds gzip files: they are
// still read, byte for byte, and a body already stored so is not stored
// again.
func TestSnapshotsReadOlderGzip(t *testing.T) {
	s := SnapshotStore(t.TempDir())
	body := bytes.Repeat([]byte("<p>政务公开 older snapshot</p>\n"), 500)
	sum := Hash(body)
	old := filepath.Join(s.Dir, sum[:2], sum+".gz")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(body)
	w.Close()
	if err := os.WriteFile(old, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(sum)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("Get of a gzip snapshot = %d bytes, %v; want the %d bytes stored", len(got), err, len(body))
	}
	if again, err := s.Put(body); err != nil || again != sum {
		t.Fatalf("Put = %s, %v", again, err)
	}
	if _, err := os.Stat(s.Path(sum)); err == nil {
		t.Errorf("a body stored as gzip was stored again as %s", filepath.Base(s.Path(sum)))
	}
	// A new body is stored as zstd, and read back byte for byte.
	fresh := append(append([]byte(nil), body...), "新"...)
	fsum, err := s.Put(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(s.Path(fsum)) != ".zst" {
		t.Fatalf("new snapshots are written to %s, want .zst", s.Path(fsum))
	}
	if _, err := os.Stat(s.Path(fsum)); err != nil {
		t.Fatalf("new snapshot not at %s: %v", s.Path(fsum), err)
	}
	if got, err := s.Get(fsum); err != nil || !bytes.Equal(got, fresh) {
		t.Errorf("Get of a zstd snapshot = %d bytes, %v; want %d bytes", len(got), err, len(fresh))
	}
}

// A landing directory removed and started over in the same process (as
// the demo does) still takes snapshots: the store makes its directories
// again.
func TestSnapshotsAfterTheStoreWasRemoved(t *testing.T) {
	root := t.TempDir()
	body := []byte("<html>首页</html>")
	if _, err := SnapshotStore(root).Put(body); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(root, "snapshots")); err != nil {
		t.Fatal(err)
	}
	s := SnapshotStore(root)
	sum, err := s.Put(body)
	if err != nil {
		t.Fatalf("Put after the store was removed: %v", err)
	}
	if got, err := s.Get(sum); err != nil || !bytes.Equal(got, body) {
		t.Errorf("Get = %q, %v; want %q", got, err, body)
	}
}

func BenchmarkSnapshotPut(b *testing.B) {
	s := SnapshotStore(b.TempDir())
	page := bytes.Repeat([]byte("<li><a href='./202603/t20260305_1.html'>关于印发的通知</a><span>2026-03-05</span></li>\n"), 60)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		body := append([]byte(nil), page...)
		body = append(body, byte(i), byte(i>>8), byte(i>>16))
		if _, err := s.Put(body); err != nil {
			b.Fatal(err)
		}
	}
}
