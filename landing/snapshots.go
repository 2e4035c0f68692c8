package landing

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Snapshots is the content-addressed store of fetched page bodies, shared by
// all runs under a landing root: the same page fetched twice is stored once.
type Snapshots struct {
	Dir string
}

// SnapshotStore returns the store under a landing root.
func SnapshotStore(root string) *Snapshots {
	return &Snapshots{Dir: filepath.Join(root, "snapshots")}
}

// Hash returns the hex sha256 of a body, the key it is stored under.
func Hash(body []byte) string {
	s := sha256.Sum256(body)
	return hex.EncodeToString(s[:])
}

// Path is where a snapshot with the given hash lives.
func (s *Snapshots) Path(sum string) string {
	if len(sum) < 2 {
		return filepath.Join(s.Dir, "invalid")
	}
	return filepath.Join(s.Dir, sum[:2], sum+".gz")
}

// gzipWriters are reused: a new flate writer allocates about 1 MB, which
// dominated the cost of storing small pages.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return w
}}

// Put stores body (the bytes as fetched, before decoding) and returns its hash.
//
// The file is written under a temporary name and renamed, so a reader never
// sees half a snapshot, but it is not fsynced: a snapshot lost to a power
// failure is detected on resume (its hash no longer matches) and the page
// is fetched again, which is cheaper than syncing every page.
func (s *Snapshots) Put(body []byte) (string, error) {
	sum := Hash(body)
	p := s.Path(sum)
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+sum[:8]+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	gz := gzipWriters.Get().(*gzip.Writer)
	gz.Reset(tmp)
	_, werr := gz.Write(body)
	cerr := gz.Close()
	gzipWriters.Put(gz)
	err = errors.Join(werr, cerr, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("store snapshot: %w", err)
	}
	return sum, nil
}

// Get returns the stored body for a hash.
func (s *Snapshots) Get(sum string) ([]byte, error) {
	f, err := os.Open(s.Path(sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", sum, err)
	}
	return io.ReadAll(gz)
}
