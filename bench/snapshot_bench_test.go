package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// The crawl's profile (docs/benchmarks.md) showed a third of its CPU in
// storing page snapshots: a new gzip compressor and an fsync per page.
// These benchmarks store the same farm pages the way landing.Snapshots.Put
// used to, with a pooled compressor only, with a pooled compressor and no
// fsync (gzip, as before zstd), and with landing.Snapshots.Put as it is
// now (zstd, no fsync per page):
//
//	go test ./bench -run '^$' -bench Snapshot -benchtime 2000x

// farmBodies fetches up to n detail pages of the demo farm.
func farmBodies(tb testing.TB, n int) [][]byte {
	tb.Helper()
	f := sitefarm.New(sitefarm.Options{})
	if err := f.Start(); err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var bodies [][]byte
	for _, u := range f.Truth().Units {
		for _, c := range u.Columns {
			for _, it := range c.Items {
				if len(bodies) == n {
					return bodies
				}
				resp, err := http.Get(it.URL)
				if err != nil {
					tb.Fatal(err)
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					tb.Fatal(err)
				}
				bodies = append(bodies, b)
			}
		}
	}
	return bodies
}

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// putSnapshot stores body like landing.Snapshots.Put did before the
// change: pooled says whether the gzip writer is reused, sync whether each
// file is fsynced before its rename.
func putSnapshot(dir string, body []byte, pooled, sync bool) (string, error) {
	sum := landing.Hash(body)
	p := filepath.Join(dir, sum[:2], sum+".gz")
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	var gz *gzip.Writer
	if pooled {
		gz = gzipPool.Get().(*gzip.Writer)
		gz.Reset(&buf)
		defer gzipPool.Put(gz)
	} else {
		gz, _ = gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	}
	gz.Write(body)
	if err := gz.Close(); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return "", err
	}
	if sync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return "", err
		}
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return sum, os.Rename(tmp.Name(), p)
}

func BenchmarkSnapshotPut(b *testing.B) {
	bodies := farmBodies(b, 1000)
	// Each iteration stores a page not stored before, as in a crawl.
	distinct := func(i int) []byte {
		return append(append([]byte{}, bodies[i%len(bodies)]...), fmt.Sprintf("<!-- %d -->", i)...)
	}
	b.Run("new-writer-fsync", func(b *testing.B) {
		dir := b.TempDir()
		for i := 0; b.Loop(); i++ {
			if _, err := putSnapshot(dir, distinct(i), false, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pooled-writer-fsync", func(b *testing.B) {
		dir := b.TempDir()
		for i := 0; b.Loop(); i++ {
			if _, err := putSnapshot(dir, distinct(i), true, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The gzip store as it was before zstd: pooled writer, no fsync.
	b.Run("pooled-gzip", func(b *testing.B) {
		dir := b.TempDir()
		for i := 0; b.Loop(); i++ {
			if _, err := putSnapshot(dir, distinct(i), true, false); err != nil {
				b.Fatal(err)
			}
		}
		reportStored(b, dir)
	})
	b.Run("landing-now", func(b *testing.B) {
		s := landing.SnapshotStore(b.TempDir())
		for i := 0; b.Loop(); i++ {
			if _, err := s.Put(distinct(i)); err != nil {
				b.Fatal(err)
			}
		}
		reportStored(b, s.Dir)
	})
}

// reportStored reports the bytes stored per page under dir.
func reportStored(b *testing.B, dir string) {
	var total int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
		}
		return nil
	})
	b.ReportMetric(float64(total)/float64(b.N), "stored-B/page")
}
